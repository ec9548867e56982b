import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Keeps `effective_priority` (what the queue sorts and assignment picks by) equal to
/// `PriorityAdjustment.effective(triage:)` of the row's own columns, whoever writes them: the
/// ingest writes it with triage's priority, the desk here with an override or an SLA breach.
enum PriorityWrites {
    /// Runs `body` in a transaction that no ingest batch overlaps (the ingest reads the override
    /// and SLA status back and writes the effective priority from them), then recomputes the case's
    /// effective priority.
    static func changing(_ id: UUID, on database: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let v = SQLValues(sql)
            try await IngestStore.lockConversations(sql)
            try await body(sql)
            try await refresh(sql, where: "id = \(v.uuid(id))")
        }
    }

    /// Inside the caller's locked transaction: recomputes the effective priority of the rows `condition` picks.
    static func refresh(_ sql: any SQLDatabase, where condition: SQLQueryString) async throws {
        let v = SQLValues(sql)
        for row in try await sql.raw("SELECT id, priority, priority_override, sla_status FROM conversations WHERE \(condition)").all() {
            let adjustment = PriorityAdjustment(
                override: try row.decode(column: "priority_override", as: Int?.self),
                slaBreached: try row.decode(column: "sla_status", as: String.self) == SLAStanding.Status.breached.rawValue)
            let effective = adjustment.effective(triage: try row.decode(column: "priority", as: Int.self))
            try await sql.update("conversations").set("effective_priority", to: SQLBind(effective))
                .where("id", .equal, v.uuid(try row.decode(column: "id", as: UUID.self))).run()
        }
    }
}
