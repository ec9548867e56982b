import Foundation
import ParleyCore
import ParleyStore

/// Resolves, reopens, sets pending or snoozes a case. State changes are journaled desk actions,
/// so a rebuild from the journal keeps them; each also goes in the case's audit trail. `actor` is
/// nil for the desk's own changes (a snooze waking, spam resolved by a rule).
struct ChangeStateAction: Sendable {
    let context: ActionContext

    func run(_ id: UUID, to kind: DeskAction.Kind, until: Date? = nil, by actor: DeskUser?) async throws {
        try await context.commit { tx in try await apply(id, to: kind, until: until, by: actor?.id, in: tx) }
    }

    func apply(_ id: UUID, to kind: DeskAction.Kind, until: Date? = nil, by actor: UUID?, audited: (AuditAction, String)? = nil, in tx: ActionContext) async throws -> Change<Void> {
        let conversation = try await tx.conversation(id)
        let target = kind.targetState
        _ = try conversation.state.moving(to: target)
        if kind == .snooze {
            guard let until, until > tx.now else {
                throw DeskError.invalid(code: "invalid_until", "A snooze needs 'until', a time in the future (ISO 8601).")
            }
        }
        try await tx.services.ingestor(database: tx.database)
            .record(DeskAction(kind: kind, conversationID: id, userID: actor, at: tx.now, until: until))
        let said = until.map { "until \(ISO8601DateFormatter().string(from: $0))" } ?? target.rawValue
        try await tx.audit(id, by: actor, audited?.0 ?? AuditAction(kind), audited?.1 ?? said)
        if kind == .resolve { try await CSATActions(context: tx).schedule(id, in: tx) }
        return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "state")], journaled: true)
    }
}
