import Foundation
import ParleyCore
import ParleyStore

/// Gives a case to an agent (nil: unassigns), under `AssignmentRule`.
struct AssignAction: Sendable {
    let context: ActionContext

    func run(_ id: UUID, to target: UUID?, by actor: DeskUser) async throws {
        try await context.commit { tx in try await apply(id, to: target, by: actor, in: tx) }
    }

    func apply(_ id: UUID, to target: UUID?, by actor: DeskUser, in tx: ActionContext) async throws -> Change<Void> {
        guard let fields = try await DeskFieldsQueries(database: tx.database).fields([id])[id] else {
            throw DeskError.notFound("conversation")
        }
        try AssignmentRule.check(actor: actor, target: target, holder: fields.assigneeID, holderName: fields.assigneeName)
        if let target, target != actor.id, try await AgentQueries(database: tx.database).profile(target) == nil {
            throw DeskError.notFound("agent")
        }
        try await AssignmentQueries(database: tx.database).assign(
            id, to: target, by: actor.id, action: AssignmentRule.action(actor: actor.id, target: target), at: tx.now,
            newID: tx.effects.newID())
        try await AgentQueries(database: tx.database).touch(actor.id, at: tx.now)
        return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "assigned")])
    }
}
