import Foundation
import ParleyCore
import ParleyStore

/// An internal note on a case: for the team only, never sent to X.
struct NoteAction: Sendable {
    let context: ActionContext

    func add(_ raw: String, to id: UUID, by actor: DeskUser) async throws {
        let body = try InternalNote.body(raw)
        try await context.commit { tx in
            _ = try await tx.conversation(id)
            try await NoteQueries(database: tx.database)
                .add(id: tx.effects.newID(), conversationID: id, authorID: actor.id, body: body, at: tx.now)
            try await tx.audit(id, by: actor.id, .noted, "internal note")
            return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "note")])
        }
    }
}
