import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore

/// Moves due scheduled posts into the outbox, one part at a time (a thread's next part is queued
/// when the previous one is sent, as a reply to it).
///
/// Runs in every process. Each pass is one transaction that takes the publishing lock shared
/// (crisis mode takes it exclusive), reads crisis mode, and locks the due rows (`SKIP LOCKED` on
/// PostgreSQL; SQLite's write lock): so a post due during a crisis is held, never sent, and two
/// processes never queue one post twice.
struct Publisher: Sendable {
    let context: ActionContext
    let logger = Logger(label: "parley.publisher")

    /// Returns how many posts it moved (queued or held).
    @discardableResult
    func runOnce() async throws -> Int {
        try await context.commit { tx in
            let now = tx.now
            let crises = CrisisQueries(database: tx.database)
            try await crises.lockForPublishing()
            let crisis = try await crises.active()
            let posts = ScheduledPostQueries(database: tx.database)
            let outbox = OutboxQueries(database: tx.database)
            let handles = HandleQueries(database: tx.database)
            var moved = 0
            for var post in try await posts.due(now: now) {
                guard let handle = try await handles.find(post.handleID) else { continue }
                if let crisis, crisis.pauses(handle.id) {
                    try post.apply(.hold, at: now)
                    post.hold = .crisis(reason: crisis.reason)
                    try await posts.update(post)
                    moved += 1
                    continue
                }
                guard let part = post.nextPart else { continue }
                let history = try await outbox.history(handleID: handle.id, since: now.addingTimeInterval(-PostingLimits.day))
                if let exceeded = handle.postingLimits.check(part.inReplyTo == nil ? .original : .reply, sent: history, now: now) {
                    if post.hold != .postingLimit(exceeded) {
                        try post.apply(.hold, at: now)
                        post.hold = .postingLimit(exceeded)
                        try await posts.update(post)
                        logger.notice("scheduled post held by a posting limit", metadata: ["post": "\(post.id)", "limit": "\(exceeded.limit)"])
                        moved += 1
                    }
                    continue
                }
                try post.apply(.send, at: now)
                post.hold = nil
                try await posts.update(post)
                try await outbox.enqueue(ScheduledPostProgress.item(for: post, part: part, id: tx.effects.newID(), at: now))
                moved += 1
            }
            return Change(moved, notices: moved > 0 ? [ChangeNotice(conversationIDs: [], reason: "scheduled_posts")] : [])
        }
    }
}
