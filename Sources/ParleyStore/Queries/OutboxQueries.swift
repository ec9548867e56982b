import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// The outbox table: enqueue, lease, settle.
public struct OutboxQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func enqueue(_ item: OutboxItem) async throws {
        let record = OutboxRecord()
        record.id = item.id
        record.conversationID = item.conversationID
        record.scheduledPostID = item.scheduledPostID
        record.part = item.part
        record.handleID = item.handleID
        record.channel = item.channel.rawValue
        record.text = item.text
        record.inReplyToXID = item.inReplyToXID
        record.recipientXUserID = item.recipientXUserID
        record.state = item.state.rawValue
        record.attempts = item.attempts
        record.createdBy = item.createdBy
        record.createdAt = item.createdAt
        record.updatedAt = item.createdAt
        try await record.create(on: database)
    }

    public func find(_ id: UUID) async throws -> OutboxItem? {
        try await OutboxRecord.find(id, on: database).map(Self.domain)
    }

    public func forConversation(_ id: UUID) async throws -> [OutboxItem] {
        try await OutboxRecord.query(on: database).filter(\.$conversationID == id).sort(\.$createdAt).all()
            .map(Self.domain)
    }

    /// Takes the oldest item that is queued, or whose sender's lease ran out, for `owner` until
    /// `until`. The update is conditional on the state read, so two senders never take one item.
    /// Returns the item as it was before the lease (a `sending` item means: reconcile first).
    public func lease(owner: String, now: Date, until: Date) async throws -> OutboxItem? {
        let sql = try database.requireSQL()
        for _ in 0..<5 {
            let candidate = try await OutboxRecord.query(on: database)
                .group(.or) { or in
                    or.filter(\.$state == OutboxState.queued.rawValue)
                    or.group(.and) { and in
                        and.filter(\.$state == OutboxState.sending.rawValue)
                        and.filter(\.$leaseExpiresAt < now)
                    }
                }
                .sort(\.$createdAt).first()
            guard let candidate else { return nil }
            let before = try Self.domain(candidate)
            let won = try await sql.update("outbox")
                .set("state", to: SQLBind(OutboxState.sending.rawValue))
                .set("lease_owner", to: SQLBind(owner))
                .set("lease_expires_at", to: SQLBind(until))
                .set("attempts", to: SQLBind(before.attempts + 1))
                .set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(before.id))
                .where("state", .equal, SQLBind(before.state.rawValue))
                .where("attempts", .equal, SQLBind(before.attempts))
                .returning("id")
                .all()
            if !won.isEmpty { return before }
        }
        return nil
    }

    /// Records what X accepted. Only the lease holder may settle an item.
    public func markSent(_ id: UUID, owner: String, xID: String, at: Date) async throws {
        try await settle(id, owner: owner) { record in
            record.state = try OutboxState.sending.moving(to: .sent).rawValue
            record.xID = xID
            record.sentAt = at
            record.error = nil
            record.updatedAt = at
        }
    }

    public func markFailed(_ id: UUID, owner: String, error: String, at: Date) async throws {
        try await settle(id, owner: owner) { record in
            record.state = try OutboxState.sending.moving(to: .failed).rawValue
            record.error = error
            record.updatedAt = at
        }
    }

    /// Gives a temporary failure back to the queue with a note of what happened.
    public func release(_ id: UUID, owner: String, error: String, retryAt: Date, at: Date) async throws {
        try await settle(id, owner: owner) { record in
            record.error = error
            record.leaseExpiresAt = retryAt
            record.updatedAt = at
        }
    }

    private func settle(_ id: UUID, owner: String, _ change: (OutboxRecord) throws -> Void) async throws {
        guard let record = try await OutboxRecord.find(id, on: database) else {
            throw StoreError.notFound(what: "outbox item", id: id.uuidString)
        }
        guard record.state == OutboxState.sending.rawValue, record.leaseOwner == owner else {
            throw StoreError.conflict("Outbox item \(id) is no longer leased by this sender.")
        }
        try change(record)
        try await record.save(on: database)
    }

    /// When the handle's items went out since `since`, by what X counts them as. Items being sent
    /// count too (they are on their way), at the time their lease was taken.
    public func history(handleID: UUID, since: Date, excluding: UUID? = nil) async throws -> PostingHistory {
        let sql = try database.requireSQL()
        let rows = try await sql.raw("""
            SELECT channel, in_reply_to_x_id, sent_at, updated_at, state FROM outbox
            WHERE handle_id = \(bind: handleID) AND id <> \(bind: excluding ?? UUID()) AND (
                (state = 'sent' AND sent_at > \(bind: since)) OR (state = 'sending' AND updated_at > \(bind: since)))
            """).all()
        var history = PostingHistory()
        for row in rows {
            let state = try row.decode(column: "state", as: String.self)
            guard let at = try state == "sent" ? row.decode(column: "sent_at", as: Date?.self) : row.decode(column: "updated_at", as: Date.self)
            else { continue }
            let channel = try row.decode(column: "channel", as: String.self)
            let replyTo = try row.decode(column: "in_reply_to_x_id", as: String?.self)
            if channel == Channel.dm.rawValue { history.dms.append(at) }
            else if replyTo == nil { history.originals.append(at) }
            else { history.replies.append(at) }
        }
        return history
    }

    /// Takes back the queued parts of these scheduled posts (crisis mode); parts already leased
    /// are at X and stay. Returns the posts whose part was taken back.
    @discardableResult
    public func cancelQueued(scheduledPostIDs: [UUID], at: Date) async throws -> [UUID] {
        guard !scheduledPostIDs.isEmpty else { return [] }
        let sql = try database.requireSQL()
        return try await sql.update("outbox")
            .set("state", to: SQLBind(OutboxState.cancelled.rawValue)).set("updated_at", to: SQLBind(at))
            .where("scheduled_post_id", .in, SQLBind.group(scheduledPostIDs))
            .where("state", .equal, SQLBind(OutboxState.queued.rawValue))
            .returning("scheduled_post_id").all()
            .map { try $0.decode(column: "scheduled_post_id", as: UUID.self) }
    }

    public func countsByState() async throws -> [String: Int] {
        try await ConversationQueries(database: database).groupCount(table: "outbox", column: "state")
    }

    static func domain(_ record: OutboxRecord) throws -> OutboxItem {
        guard let channel = Channel(rawValue: record.channel) else {
            throw StoreError.corruptValue(table: "outbox", column: "channel", value: record.channel)
        }
        guard let state = OutboxState(rawValue: record.state) else {
            throw StoreError.corruptValue(table: "outbox", column: "state", value: record.state)
        }
        return OutboxItem(
            id: try record.requireID(), conversationID: record.conversationID, scheduledPostID: record.scheduledPostID,
            part: record.part, handleID: record.handleID,
            channel: channel, text: record.text, inReplyToXID: record.inReplyToXID,
            recipientXUserID: record.recipientXUserID, state: state, attempts: record.attempts, xID: record.xID,
            error: record.error, createdBy: record.createdBy, createdAt: record.createdAt, sentAt: record.sentAt)
    }
}
