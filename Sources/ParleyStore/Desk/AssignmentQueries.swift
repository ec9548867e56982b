import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Who works which case. Every change is one transaction that also writes the audit trail.
///
/// Auto-assignment is safe across `parley serve` processes: on PostgreSQL it locks the team's
/// agents (`FOR UPDATE`, so loads are counted by one process at a time) and takes waiting cases
/// with `FOR UPDATE SKIP LOCKED`; on SQLite the transaction starts by taking the single write lock.
/// An update only assigns a case that is still unassigned.
public struct AssignmentQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Assignment: Sendable, Equatable {
        public var conversationID: UUID
        public var agentID: UUID
    }

    /// Gives waiting cases of the team (open, unassigned, oldest most urgent first) to its agents.
    @discardableResult
    public func assignWaiting(teamID: UUID, limit: Int = 200, at date: Date, newID: @escaping @Sendable () -> UUID) async throws -> [Assignment] {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let v = SQLValues(sql)
            let postgres = sql.dialect.name == "postgresql"
            if postgres {
                _ = try await sql.raw("""
                    SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id
                    WHERE m.team_id = \(v.uuid(teamID)) ORDER BY u.id FOR UPDATE OF u
                    """).all()
            } else {
                try await sql.raw("UPDATE teams SET name = name WHERE 1 = 0").run()
            }
            let agents = try await AgentQueries(database: db).profiles(teamID: teamID).map(\.load)
            guard agents.contains(where: { $0.status == .online && $0.hasRoom }) else { return [] }
            let waiting = try await sql.raw("""
                SELECT id, needed_skills FROM conversations
                WHERE team_id = \(v.uuid(teamID)) AND assignee_id IS NULL AND state = 'open'
                ORDER BY effective_priority DESC, opened_at, id LIMIT \(literal: limit)\(unsafeRaw: postgres ? " FOR UPDATE SKIP LOCKED" : "")
                """).all().map { row in
                (id: try row.decode(column: "id", as: UUID.self),
                 skills: Set(try row.decode(column: "needed_skills", as: String.self).split(separator: "\n").map(String.init)))
            }
            let chosen = AssignmentPolicy.distribute(waiting.map(\.skills), among: agents, at: date)
            var done: [Assignment] = []
            for (conversation, agent) in zip(waiting, chosen) {
                guard let agent else { continue }
                let updated = try await sql.raw("""
                    UPDATE conversations SET assignee_id = \(v.uuid(agent)), assigned_at = \(bind: date)
                    WHERE id = \(v.uuid(conversation.id)) AND assignee_id IS NULL RETURNING id
                    """).all()
                if !updated.isEmpty { done.append(Assignment(conversationID: conversation.id, agentID: agent)) }
            }
            try await AuditQueries(database: db).record(done.map {
                AuditEvent(id: newID(), conversationID: $0.conversationID, actorID: nil, action: .assigned,
                           detail: "auto-assigned to \($0.agentID.uuidString)", createdAt: date)
            })
            return done
        }
    }

    /// Assigns (or, with nil, unassigns) one case by hand; `by` is who did it.
    public func assign(_ conversationID: UUID, to agentID: UUID?, by actorID: UUID?, action: AuditAction, at date: Date, newID: UUID) async throws {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let v = SQLValues(sql)
            try await sql.update("conversations")
                .set("assignee_id", to: v.uuid(agentID))
                .set("assigned_at", to: agentID == nil ? SQLLiteral.null : SQLBind(date))
                .where("id", .equal, v.uuid(conversationID)).run()
            try await AuditQueries(database: db).record([AuditEvent(
                id: newID, conversationID: conversationID, actorID: actorID, action: action,
                detail: agentID.map { "to \($0.uuidString)" } ?? "unassigned", createdAt: date)])
        }
    }

    /// Sends a case to a team's queue (nil: no team).
    public func route(_ conversationID: UUID, toTeam teamID: UUID?, by actorID: UUID?, at date: Date, newID: UUID) async throws {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let v = SQLValues(sql)
            try await sql.update("conversations").set("team_id", to: v.uuid(teamID)).set("routed_at", to: SQLBind(date))
                .where("id", .equal, v.uuid(conversationID)).run()
            try await AuditQueries(database: db).record([AuditEvent(
                id: newID, conversationID: conversationID, actorID: actorID, action: .team,
                detail: teamID.map { "to team \($0.uuidString)" } ?? "no team", createdAt: date)])
        }
    }

    /// Puts back in their team's queue the active cases of agents who went offline, and those an
    /// agent has held since before `idleCutoff` without replying while the customer waits.
    @discardableResult
    public func requeue(idleCutoff: Date, at date: Date, newID: @escaping @Sendable () -> UUID) async throws -> [UUID] {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let ids = try await sql.raw("""
                SELECT c.id FROM conversations c JOIN users u ON u.id = c.assignee_id
                WHERE c.state = 'open' AND (
                  u.status = 'offline'
                  OR (c.assigned_at < \(bind: idleCutoff) AND c.awaiting_reply_since IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id AND o.created_by = c.assignee_id
                                      AND o.created_at >= c.assigned_at)))
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else { return [] }
            try await sql.update("conversations").set("assignee_id", to: SQLLiteral.null).set("assigned_at", to: SQLLiteral.null)
                .where(SQLIdentifier("id"), .in, SQLValues(sql).uuids(ids)).run()
            try await AuditQueries(database: db).record(ids.map {
                AuditEvent(id: newID(), conversationID: $0, actorID: nil, action: .requeued,
                           detail: "the agent went offline or did not act in time", createdAt: date)
            })
            return ids
        }
    }

    /// Counts of assigned active cases per agent (for tests and the dashboard).
    public func openCounts() async throws -> [UUID: Int] {
        try await database.requireSQL().raw("""
            SELECT assignee_id, COUNT(*) AS n FROM conversations WHERE assignee_id IS NOT NULL AND state <> 'resolved' GROUP BY assignee_id
            """).all().reduce(into: [:]) { result, row in
            result[try row.decode(column: "assignee_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
    }
}
