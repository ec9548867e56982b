import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// The ingest's hot reads, straight from SQL rows into core values. Fluent's model hydration cost
/// more than the queries themselves (measured with `parley bench ingest`), and these run for every
/// batch; the rest of the store reads through the records.
enum IngestRows {
    static func threadKeys(_ sql: any SQLDatabase, keys: [String]) async throws -> [ThreadKeyRow] {
        try await sql.select().columns("key", "role", "message_id", "conversation_id").from("thread_keys")
            .where(SQLIdentifier("key"), .in, SQLGroupExpression(keys.map { SQLBind($0) }))
            .all().map(threadKey)
    }

    static func selfKeys(_ sql: any SQLDatabase, messageIDs: [UUID]) async throws -> [String] {
        try await sql.select().column("key").from("thread_keys")
            .where(SQLIdentifier("message_id"), .in, SQLValues(sql).uuids(messageIDs))
            .where("role", .equal, ThreadKeyRole.`self`.rawValue)
            .all().map { try $0.decode(column: "key", as: String.self) }
    }

    static func threadKey(_ row: any SQLRow) throws -> ThreadKeyRow {
        let role = try row.decode(column: "role", as: String.self)
        guard let known = ThreadKeyRole(rawValue: role) else {
            throw StoreError.corruptValue(table: "thread_keys", column: "role", value: role)
        }
        return ThreadKeyRow(
            key: try row.decode(column: "key", as: String.self), role: known,
            messageID: try row.decode(column: "message_id", as: UUID.self),
            conversationID: try row.decode(column: "conversation_id", as: UUID?.self))
    }

    static func messages(_ sql: any SQLDatabase, ids: [UUID]) async throws -> [(Message, rank: Int)] {
        try await sql.select()
            .columns("id", "x_id", "x_version_id", "kind", "conversation_id", "handle_id", "author_x_user_id", "text",
                     "created_at", "in_reply_to_x_id", "lang", "version_rank", "triage", "subject")
            .from("messages")
            .where(SQLIdentifier("id"), .in, SQLValues(sql).uuids(ids))
            .all().map { row in
                let kind = try row.decode(column: "kind", as: String.self)
                guard let known = MessageKind(rawValue: kind) else {
                    throw StoreError.corruptValue(table: "messages", column: "kind", value: kind)
                }
                let message = Message(
                    id: try row.decode(column: "id", as: UUID.self), xID: try row.decode(column: "x_id", as: String.self),
                    xVersionID: try row.decode(column: "x_version_id", as: String.self), kind: known,
                    conversationID: try row.decode(column: "conversation_id", as: UUID?.self),
                    handleID: try row.decode(column: "handle_id", as: UUID?.self),
                    authorXUserID: try row.decode(column: "author_x_user_id", as: String.self),
                    text: try row.decode(column: "text", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self),
                    inReplyToXID: try row.decode(column: "in_reply_to_x_id", as: String?.self),
                    lang: try row.decode(column: "lang", as: String?.self),
                    triage: TriageColumns.decodeMessage(try row.decode(column: "triage", as: String?.self)),
                    subject: try row.decode(column: "subject", as: String?.self))
                return (message, try row.decode(column: "version_rank", as: Int.self))
            }
    }

    static func customers(_ sql: any SQLDatabase, xUserIDs: [String]) async throws -> [Customer] {
        try await sql.select()
            .columns("id", "x_user_id", "username", "name", "followers_count", "verified", "profile_image_url", "bio")
            .from("customers")
            .where(SQLIdentifier("x_user_id"), .in, SQLGroupExpression(xUserIDs.map { SQLBind($0) }))
            .all().map { row in
                Customer(
                    id: try row.decode(column: "id", as: UUID.self), xUserID: try row.decode(column: "x_user_id", as: String.self),
                    username: try row.decode(column: "username", as: String.self), name: try row.decode(column: "name", as: String.self),
                    followersCount: try row.decode(column: "followers_count", as: Int.self),
                    verified: try row.decode(column: "verified", as: Bool.self),
                    profileImageURL: try row.decode(column: "profile_image_url", as: String?.self),
                    bio: try row.decode(column: "bio", as: String?.self))
            }
    }

    static let conversationColumns = [
        "id", "handle_id", "customer_id", "state", "has_public", "has_dm", "opened_at", "last_message_at",
        "awaiting_reply_since", "message_count", "priority", "priority_reasons", "handoff", "handoff_reasons",
        "suggested_reply", "resolved_at", "snoozed_until", "previous_conversation_id", "priority_override", "sla_status",
        "has_email", "timeline",
    ]

    static func conversations(_ sql: any SQLDatabase, ids: [UUID]) async throws -> [Conversation] {
        try await sql.select().columns(conversationColumns.map { SQLColumn($0) }).from("conversations")
            .where(SQLIdentifier("id"), .in, SQLValues(sql).uuids(ids))
            .all().map(conversation)
    }

    static func openConversations(_ sql: any SQLDatabase, customerIDs: [UUID]) async throws -> [Conversation] {
        try await sql.select().columns(conversationColumns.map { SQLColumn($0) }).from("conversations")
            .where(SQLIdentifier("customer_id"), .in, SQLValues(sql).uuids(customerIDs))
            .where("state", .notEqual, ConversationState.resolved.rawValue)
            .all().map(conversation)
    }

    static func conversation(_ row: any SQLRow) throws -> Conversation {
        let state = try row.decode(column: "state", as: String.self)
        guard let known = ConversationState(rawValue: state) else {
            throw StoreError.corruptValue(table: "conversations", column: "state", value: state)
        }
        return Conversation(
            id: try row.decode(column: "id", as: UUID.self), handleID: try row.decode(column: "handle_id", as: UUID.self),
            customerID: try row.decode(column: "customer_id", as: UUID.self), state: known,
            hasPublic: try row.decode(column: "has_public", as: Bool.self), hasDM: try row.decode(column: "has_dm", as: Bool.self),
            openedAt: try row.decode(column: "opened_at", as: Date.self),
            lastMessageAt: try row.decode(column: "last_message_at", as: Date.self),
            awaitingReplySince: try row.decode(column: "awaiting_reply_since", as: Date?.self),
            messageCount: try row.decode(column: "message_count", as: Int.self),
            triage: TriageColumns.conversation(
                priority: try row.decode(column: "priority", as: Int.self),
                priorityReasons: try row.decode(column: "priority_reasons", as: String.self),
                handoff: try row.decode(column: "handoff", as: String.self),
                handoffReasons: try row.decode(column: "handoff_reasons", as: String.self),
                suggestedReply: try row.decode(column: "suggested_reply", as: String?.self)),
            resolvedAt: try row.decode(column: "resolved_at", as: Date?.self),
            snoozedUntil: try row.decode(column: "snoozed_until", as: Date?.self),
            previousConversationID: try row.decode(column: "previous_conversation_id", as: UUID?.self),
            priorityAdjustment: PriorityAdjustment(
                override: try row.decode(column: "priority_override", as: Int?.self),
                slaBreached: try row.decode(column: "sla_status", as: String.self) == SLAStanding.Status.breached.rawValue),
            hasEmail: try row.decode(column: "has_email", as: Bool.self),
            timeline: ConversationTimeline(packed: try row.decode(column: "timeline", as: String.self)))
    }

    static func pendingJournal(_ sql: any SQLDatabase, limit: Int) async throws -> [JournalEntry] {
        try await sql.select().columns("id", "source", "external_id", "payload", "received_at").from("journal_events")
            .where("status", .equal, Journal.Status.pending.rawValue)
            .orderBy("id").limit(limit)
            .all().map { row in
                let source = try row.decode(column: "source", as: String.self)
                guard let known = EventSource(rawValue: source) else {
                    throw StoreError.corruptValue(table: "journal_events", column: "source", value: source)
                }
                return JournalEntry(
                    sequence: try row.decode(column: "id", as: Int.self),
                    event: RawEvent(
                        source: known, externalID: try row.decode(column: "external_id", as: String.self),
                        payload: try row.decode(column: "payload", as: Data.self),
                        receivedAt: try row.decode(column: "received_at", as: Date.self)))
            }
    }
}
