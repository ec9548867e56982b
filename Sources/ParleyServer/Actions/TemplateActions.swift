import Foundation
import ParleyCore
import ParleyStore

/// Saved replies and macros (supervisors and admins): `ReplyTemplate` checks the text and the
/// actions, the store the handle, the assignee and that the name is free in its scope.
struct TemplateActions: Sendable {
    let context: ActionContext

    func create(handleID: UUID?, name: String, body: String, actions: [MacroAction]) async throws -> ReplyTemplate {
        try await context.commit { tx in
            Change(try await TemplateQueries(database: tx.database).create(
                handleID: handleID, name: name, body: body, actions: actions, at: tx.now, id: tx.effects.newID()))
        }
    }

    func update(_ id: UUID, handleID: UUID?, name: String, body: String, actions: [MacroAction]) async throws -> ReplyTemplate {
        try await context.commit { tx in
            Change(try await TemplateQueries(database: tx.database).update(id, handleID: handleID, name: name, body: body, actions: actions))
        }
    }

    func delete(_ id: UUID) async throws {
        try await context.commit { tx in
            try await TemplateQueries(database: tx.database).delete(id)
            return Change(())
        }
    }
}
