import Foundation
import ParleyCore
import ParleyStore

/// Who is on a case right now: an agent's heartbeat while viewing (and typing), and the soft reply
/// lock the first agent who starts a reply holds.
struct PresenceAction: Sendable {
    let context: ActionContext

    func heartbeat(_ id: UUID, typing: Bool, by actor: DeskUser) async throws {
        try await context.commit { tx in
            _ = try await tx.conversation(id)
            try await CollisionQueries(database: tx.database).heartbeat(id, user: actor.id, typing: typing, at: tx.now)
            return Change(())
        }
    }

    /// Starts a reply: true when the actor holds the lock, false when someone else does.
    func startReply(_ id: UUID, by actor: DeskUser) async throws -> Bool {
        try await context.commit { tx in
            _ = try await tx.conversation(id)
            let lock = try await CollisionQueries(database: tx.database)
                .acquire(id, user: actor.id, until: tx.now.addingTimeInterval(ReplyLock.lasts), at: tx.now)
            return Change(lock.map { !$0.blocks(actor.id) } ?? false)
        }
    }
}
