import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Reads what a batch of events needs to know and writes what the planner decided, in one
/// transaction with the journal rows it consumed.
public struct IngestStore: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Runs `body` in a transaction that no other process's ingest overlaps. On PostgreSQL an
    /// advisory lock serializes ingest across processes (threading depends on what came before);
    /// SQLite has one writer anyway.
    public func withIngestTransaction<T: Sendable>(
        _ body: @escaping @Sendable (IngestStore) async throws -> T
    ) async throws -> T {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            if sql.dialect.name != "postgresql" {
                // A batch touches thousands of index pages; SQLite's default 2 MB page cache thrashes.
                // Set on the connection this transaction holds (the pragma is per connection).
                try await sql.raw("PRAGMA cache_size = -65536").run()
            }
            try await Self.lockConversations(sql)
            return try await body(IngestStore(database: db))
        }
    }

    /// Inside a transaction: waits until no ingest batch runs, and keeps others out until commit.
    /// The ingest and the desk's writes of what the pipeline reads back (the priority override, the
    /// SLA standing) take it, so neither writes over the other with what it read before.
    /// PostgreSQL: an advisory lock. SQLite: the write lock, taken first, since a transaction that
    /// reads and then writes fails with SQLITE_BUSY_SNAPSHOT (no retry helps) when another
    /// connection committed in between; one that starts by writing waits its turn.
    static func lockConversations(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(7342001)").run()
        } else {
            try await sql.raw("UPDATE journal_events SET status = status WHERE 1 = 0").run()
        }
    }

    public func handles() async throws -> [Handle] {
        try await HandleRecord.query(on: database).all().map { try $0.toDomain() }
    }

    /// Everything the store knows about the keys, users and conversations in `needs`.
    public func loadIndex(_ needs: ThreadIndex.Needs) async throws -> ThreadIndex {
        let sql = try database.requireSQL()
        var index = ThreadIndex()
        var messageIDs = Set<UUID>()
        var conversationIDs = needs.conversationIDs
        for keys in chunks(Array(needs.keys)) {
            for row in try await IngestRows.threadKeys(sql, keys: keys) {
                index.register(row)
                messageIDs.insert(row.messageID)
                if let id = row.conversationID { conversationIDs.insert(id) }
            }
        }
        try await followOrphanChains(sql, into: &index, messageIDs: &messageIDs, conversationIDs: &conversationIDs)
        for ids in chunks(Array(messageIDs)) {
            for (message, rank) in try await IngestRows.messages(sql, ids: ids) {
                index.messages[message.id] = message
                index.versionRanks[message.id] = rank
                if let id = message.conversationID { conversationIDs.insert(id) }
            }
        }
        var customerIDs = [UUID]()
        for ids in chunks(Array(needs.userXIDs)) {
            for customer in try await IngestRows.customers(sql, xUserIDs: ids) {
                index.customers[customer.xUserID] = customer
                customerIDs.append(customer.id)
            }
        }
        for ids in chunks(Array(conversationIDs)) {
            for conversation in try await IngestRows.conversations(sql, ids: ids) {
                index.conversations[conversation.id] = conversation
            }
        }
        // A customer's open cases, so a DM can join the public case it belongs to.
        for ids in chunks(customerIDs) {
            for conversation in try await IngestRows.openConversations(sql, customerIDs: ids) {
                index.conversations[conversation.id] = conversation
            }
        }
        return index
    }

    /// Messages still waiting for a case can be pointed at by other waiting messages (a chain of
    /// replies that all arrived before their first post). Load the keys of those too, so the
    /// planner can adopt the whole chain when its head arrives.
    private func followOrphanChains(
        _ sql: any SQLDatabase, into index: inout ThreadIndex, messageIDs: inout Set<UUID>,
        conversationIDs: inout Set<UUID>
    ) async throws {
        var frontier = Set(index.keyRows.values.joined().filter { $0.conversationID == nil }.map(\.messageID))
        var seenKeys = Set(index.keyRows.keys)
        while !frontier.isEmpty {
            var selfKeys = Set<String>()
            for ids in chunks(Array(frontier)) {
                for key in try await IngestRows.selfKeys(sql, messageIDs: ids) where seenKeys.insert(key).inserted {
                    selfKeys.insert(key)
                }
            }
            frontier = []
            for keys in chunks(Array(selfKeys)) {
                for row in try await IngestRows.threadKeys(sql, keys: keys) {
                    index.register(row)
                    if messageIDs.insert(row.messageID).inserted, row.conversationID == nil { frontier.insert(row.messageID) }
                    if let id = row.conversationID { conversationIDs.insert(id) }
                }
            }
        }
    }

    /// Writes a plan and marks the journal rows it came from.
    public func apply(
        _ plan: IngestPlan, processed: [Int], malformed: [(sequence: Int, error: String)], at now: Date
    ) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        for rows in chunks(Array(plan.customers.values), size: 500) {
            var insert = sql.insert(into: "customers").columns(
                "id", "x_user_id", "username", "name", "followers_count", "verified", "profile_image_url", "bio")
            for c in rows {
                insert = insert.values(
                    v.uuid(c.id), SQLBind(c.xUserID), SQLBind(c.username), SQLBind(c.name),
                    SQLBind(c.followersCount), SQLBind(c.verified), v.optional(c.profileImageURL), v.optional(c.bio))
            }
            try await insert.onConflict(with: ["id"]) {
                ["username", "name", "followers_count", "verified", "profile_image_url", "bio"].reduce($0) { $0.set(excludedValueOf: $1) }
            }.run()
        }
        for rows in chunks(Array(plan.conversations.values), size: 500) {
            var insert = sql.insert(into: "conversations").columns(
                "id", "handle_id", "customer_id", "state", "has_public", "has_dm", "opened_at", "last_message_at",
                "awaiting_reply_since", "message_count", "priority", "priority_reasons", "handoff", "handoff_reasons",
                "suggested_reply", "resolved_at", "snoozed_until", "previous_conversation_id", "effective_priority", "has_email",
                "timeline")
            for c in rows {
                insert = insert.values(
                    v.uuid(c.id), v.uuid(c.handleID), v.uuid(c.customerID), SQLBind(c.state.rawValue),
                    SQLBind(c.hasPublic), SQLBind(c.hasDM), SQLBind(c.openedAt), SQLBind(c.lastMessageAt),
                    v.optional(c.awaitingReplySince), SQLBind(c.messageCount), SQLBind(c.triage.priority),
                    SQLBind(TriageColumns.lines(c.triage.priorityReasons)), SQLBind(c.triage.handoff.rawValue),
                    SQLBind(TriageColumns.lines(c.triage.handoffReasons)), v.optional(c.triage.suggestedReply),
                    v.optional(c.resolvedAt), v.optional(c.snoozedUntil), v.uuid(c.previousConversationID), SQLBind(c.priority),
                    SQLBind(c.hasEmail), SQLBind(c.timeline.packed))
            }
            try await insert.onConflict(with: ["id"]) {
                [
                    "state", "has_public", "has_dm", "opened_at", "last_message_at", "awaiting_reply_since", "message_count",
                    "priority", "priority_reasons", "handoff", "handoff_reasons", "suggested_reply", "resolved_at",
                    "snoozed_until", "previous_conversation_id", "effective_priority", "has_email", "timeline",
                ].reduce($0) { $0.set(excludedValueOf: $1) }
            }.run()
        }
        for rows in chunks(Array(plan.messages.values), size: 500) {
            var insert = sql.insert(into: "messages").columns(
                "id", "x_id", "x_version_id", "kind", "conversation_id", "handle_id", "author_x_user_id", "text",
                "created_at", "in_reply_to_x_id", "lang", "version_rank", "triage", "subject")
            for m in rows {
                insert = insert.values(
                    v.uuid(m.id), SQLBind(m.xID), SQLBind(m.xVersionID), SQLBind(m.kind.rawValue),
                    v.uuid(m.conversationID), v.uuid(m.handleID), SQLBind(m.authorXUserID), SQLBind(m.text),
                    SQLBind(m.createdAt), v.optional(m.inReplyToXID), v.optional(m.lang),
                    SQLBind(plan.versionRanks[m.id] ?? 1), v.optional(TriageColumns.encode(m.triage)), v.optional(m.subject))
            }
            try await insert.onConflict(with: ["id"]) {
                ["x_version_id", "conversation_id", "handle_id", "text", "version_rank", "triage"].reduce($0) { $0.set(excludedValueOf: $1) }
            }.run()
        }
        for rows in chunks(plan.newKeys, size: 1000) {
            var insert = sql.insert(into: "thread_keys").columns("key", "role", "message_id", "conversation_id")
            for k in rows {
                insert = insert.values(SQLBind(k.key), SQLBind(k.role.rawValue), v.uuid(k.messageID), v.uuid(k.conversationID))
            }
            try await insert.ignoringConflicts(with: ["key", "role", "message_id"]).run()
        }
        for (messageID, conversationID) in plan.adopted {
            try await sql.update("thread_keys").set("conversation_id", to: v.uuid(conversationID))
                .where(SQLIdentifier("message_id"), .equal, v.uuid(messageID)).run()
        }
        for ids in chunks(processed) {
            try await sql.update("journal_events")
                .set("status", to: SQLBind(Journal.Status.processed.rawValue))
                .set("processed_at", to: SQLBind(now))
                .where(SQLIdentifier("id"), .in, SQLGroupExpression(ids.map { SQLBind($0) })).run()
        }
        for (sequence, error) in malformed {
            try await sql.update("journal_events")
                .set("status", to: SQLBind(Journal.Status.malformed.rawValue))
                .set("error", to: SQLBind(error))
                .set("processed_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(sequence)).run()
        }
    }

    /// Empties everything derived from the journal and marks every event pending again, so that
    /// processing the journal from the start rebuilds the desk (`JournalRebuild` keeps the desk's own columns).
    func resetDerivedTables() async throws {
        let sql = try database.requireSQL()
        // Volume series and emerging issues are counted from messages as they are ingested: they go too.
        for table in ["thread_keys", "messages", "conversations", "customers", "volume_buckets", "emerging_issue_messages", "emerging_issues"] {
            try await sql.delete(from: table).run()
        }
        try await sql.update("journal_events")
            .set("status", to: SQLBind(Journal.Status.pending.rawValue))
            .set("error", to: SQLLiteral.null)
            .set("processed_at", to: SQLLiteral.null)
            .run()
    }
}

/// Splits a list for `IN (...)` lists and multi-row inserts that stay within engine limits.
func chunks<T>(_ items: [T], size: Int = 900) -> [[T]] {
    stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
}
