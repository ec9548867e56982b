import Foundation
import ParleyCore
import ParleyStore

/// Takes a case's reply from whoever holds it, in the audit trail.
struct TakeOverAction: Sendable {
    let context: ActionContext

    @discardableResult
    func run(_ id: UUID, by actor: DeskUser) async throws -> ReplyLock? {
        try await context.commit { tx in
            _ = try await tx.conversation(id)
            let collision = CollisionQueries(database: tx.database)
            let previous = try await collision.lock(id, at: tx.now)
            let lock = try await collision.acquire(
                id, user: actor.id, until: tx.now.addingTimeInterval(ReplyLock.lasts), at: tx.now, force: true)
            try await tx.audit(id, by: actor.id, .tookOver, previous.map { "the reply from \($0.name)" } ?? "the reply (nobody held it)")
            return Change(lock, notices: [ChangeNotice(conversationIDs: [id], reason: "presence")])
        }
    }
}
