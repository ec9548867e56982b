import Foundation
import ParleyCore
import ParleyStore

/// A priority set by hand in place of triage's (nil: back to triage's); the queue, assignment,
/// the API and the pages follow it through `PriorityAdjustment`.
struct SetPriorityAction: Sendable {
    let context: ActionContext

    func run(_ id: UUID, to priority: Int?, by actor: DeskUser) async throws {
        try await context.commit { tx in try await apply(id, to: priority, by: actor.id, in: tx) }
    }

    func apply(_ id: UUID, to priority: Int?, by actor: UUID?, in tx: ActionContext) async throws -> Change<Void> {
        if let priority, !(0...100).contains(priority) {
            throw DeskError.invalid(code: "bad_request", "'priority' is 0 to 100, or null.")
        }
        _ = try await tx.conversation(id)
        try await DeskFieldsQueries(database: tx.database).setPriorityOverride(id, priority)
        try await tx.audit(id, by: actor, .priority, priority.map(String.init) ?? "from triage")
        return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "priority")])
    }
}
