import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// What the sender records for a scheduled post's part, in the same transaction as the outbox
/// row: its X id, and then the next part (a reply to it) or the post sent; or X's refusal.
enum ScheduledPostProgress {
    static func item(for post: ScheduledPost, part: (index: Int, text: String, inReplyTo: String?), id: UUID, at now: Date) -> OutboxItem {
        OutboxItem(
            id: id, conversationID: nil, scheduledPostID: post.id, part: part.index, handleID: post.handleID, channel: .public,
            text: part.text, inReplyToXID: part.inReplyTo, recipientXUserID: nil, state: .queued, attempts: 0, xID: nil,
            error: nil, createdBy: post.approvedBy, createdAt: now, sentAt: nil)
    }

    static func sent(_ item: OutboxItem, xID: String, at now: Date, newID: UUID, on database: any Database) async throws {
        guard let postID = item.scheduledPostID, let part = item.part else { return }
        let posts = ScheduledPostQueries(database: database)
        guard var post = try await posts.find(postID), part == post.sentXIDs.count else { return }
        post.sentXIDs.append(xID)
        if post.sentXIDs.count == post.parts.count {
            try post.apply(.finish, at: now)
            post.sentAt = now
            post.hold = nil
        } else {
            post.version += 1
            post.updatedAt = now
        }
        try await posts.update(post)
        // A thread goes on only while the post is being sent; one a crisis held resumes after review.
        if post.state == .sending, let next = post.nextPart {
            try await OutboxQueries(database: database).enqueue(Self.item(for: post, part: next, id: newID, at: now))
        }
    }

    static func failed(_ item: OutboxItem, error: String, at now: Date, on database: any Database) async throws {
        guard let postID = item.scheduledPostID else { return }
        let posts = ScheduledPostQueries(database: database)
        guard var post = try await posts.find(postID), post.state == .sending else { return }
        try post.apply(.fail, at: now)
        post.error = error
        try await posts.update(post)
    }
}
