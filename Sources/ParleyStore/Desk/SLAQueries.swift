import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// What the SLA pass reads and writes per case.
public struct SLACase: Sendable, Equatable {
    public var id: UUID
    public var handleID: UUID
    /// The manual override when there is one, else triage's.
    public var priority: Int
    public var facts: SLAFacts
    public var status: String
}

public struct SLAQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func policies() async throws -> [StoredSLAPolicy] {
        try await database.requireSQL().select().columns("id", "handle_id", "min_priority", "definition").from("sla_policies")
            .orderBy("created_at").all().compactMap { row in
                guard let policy = try? JSONDecoder().decode(SLAPolicy.self, from: Data(try row.decode(column: "definition", as: String.self).utf8))
                else { return nil }
                return StoredSLAPolicy(
                    id: try row.decode(column: "id", as: UUID.self), handleID: try row.decode(column: "handle_id", as: UUID?.self),
                    minPriority: try row.decode(column: "min_priority", as: Int.self), policy: policy)
            }
    }

    public func save(_ stored: StoredSLAPolicy, at date: Date) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        let definition = String(decoding: try JSONEncoder().encode(stored.policy), as: UTF8.self)
        try await sql.delete(from: "sla_policies").where("id", .equal, v.uuid(stored.id)).run()
        try await sql.insert(into: "sla_policies").columns("id", "handle_id", "min_priority", "definition", "created_at")
            .values(v.uuid(stored.id), v.uuid(stored.handleID), SQLBind(stored.minPriority), SQLBind(definition), SQLBind(date)).run()
        // Every case is measured again against the new policies.
        try await sql.raw("UPDATE conversations SET sla_evaluated_at = NULL WHERE state <> 'resolved'").run()
    }

    public func delete(_ id: UUID) async throws -> Bool {
        let sql = try database.requireSQL()
        return !(try await sql.raw("DELETE FROM sla_policies WHERE id = \(SQLValues(sql).uuid(id)) RETURNING id").all()).isEmpty
    }

    /// Cases to measure: active ones (and resolved ones still flagged), least recently measured first.
    public func due(evaluatedBefore cutoff: Date, limit: Int) async throws -> [SLACase] {
        try await database.requireSQL().raw("""
            SELECT c.id, c.handle_id, COALESCE(c.priority_override, c.priority) AS effective_priority, c.state, c.opened_at,
                   c.awaiting_reply_since, c.sla_status,
                   (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.kind IN \(unsafeRaw: OwnKinds.sqlList))
                     AS first_responded_at
            FROM conversations c
            WHERE (c.state <> 'resolved' OR c.sla_status <> 'none')
              AND (c.sla_evaluated_at IS NULL OR c.sla_evaluated_at < \(bind: cutoff))
            ORDER BY c.sla_evaluated_at IS NOT NULL, c.sla_evaluated_at, c.id LIMIT \(literal: limit)
            """).all().map { row in
            let state = try row.decode(column: "state", as: String.self)
            guard let known = ConversationState(rawValue: state) else {
                throw StoreError.corruptValue(table: "conversations", column: "state", value: state)
            }
            return SLACase(
                id: try row.decode(column: "id", as: UUID.self), handleID: try row.decode(column: "handle_id", as: UUID.self),
                priority: try row.decode(column: "effective_priority", as: Int.self),
                facts: SLAFacts(
                    state: known, openedAt: try row.decode(column: "opened_at", as: Date.self),
                    firstRespondedAt: try row.decode(column: "first_responded_at", as: Date?.self),
                    awaitingReplySince: try row.decode(column: "awaiting_reply_since", as: Date?.self)),
                status: try row.decode(column: "sla_status", as: String.self))
        }
    }

    /// Saves a case's SLA standing; a breach, or its end (`wasBreached`), moves the case's
    /// effective priority in the same transaction.
    public func record(_ id: UUID, _ standing: SLAStanding, wasBreached: Bool, at date: Date) async throws {
        let write: @Sendable (any SQLDatabase) async throws -> Void = { sql in
            let v = SQLValues(sql)
            try await sql.update("conversations")
                .set("first_response_due_at", to: v.optional(standing.firstResponseDue))
                .set("next_response_due_at", to: v.optional(standing.nextResponseDue))
                .set("resolution_due_at", to: v.optional(standing.resolutionDue))
                .set("sla_due_at", to: v.optional(standing.earliestDue))
                .set("sla_status", to: SQLBind(standing.status.rawValue))
                .set("sla_evaluated_at", to: SQLBind(date))
                .where("id", .equal, v.uuid(id)).run()
        }
        if wasBreached != (standing.status == .breached) {
            try await PriorityWrites.changing(id, on: database, write)
        } else {
            try await write(try database.requireSQL())
        }
    }

    /// First-response times (business seconds are the caller's) of the handle's cases opened since `since`.
    public func firstResponses(handleID: UUID, since: Date, limit: Int = 200) async throws -> [(opened: Date, responded: Date)] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT c.opened_at, MIN(m.created_at) AS responded FROM conversations c
            JOIN messages m ON m.conversation_id = c.id AND m.kind IN \(unsafeRaw: OwnKinds.sqlList)
            WHERE c.handle_id = \(SQLValues(sql).uuid(handleID)) AND c.opened_at >= \(bind: since)
            GROUP BY c.id, c.opened_at ORDER BY c.opened_at DESC LIMIT \(literal: limit)
            """).all().map { (try $0.decode(column: "opened_at", as: Date.self), try $0.decode(column: "responded", as: Date.self)) }
    }

    /// Open cases of the handle waiting for an answer.
    public func waitingCount(handleID: UUID) async throws -> Int {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT COUNT(*) AS n FROM conversations WHERE handle_id = \(SQLValues(sql).uuid(handleID)) AND state = 'open'
            AND awaiting_reply_since IS NOT NULL
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
