import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Rebuilding from the journal: what the journal owns is wiped and derived again; what the desk
/// owns is kept. The journal owns customers, messages, thread keys and the conversations'
/// pipeline columns (agents' state changes included: they are journaled as `desk` events). The
/// desk owns tags, notes, the audit trail (tables of their own, keyed by the stable conversation
/// ids, which a rebuild never touches) and the desk columns of `conversations` below, which a
/// rebuild sets aside in `rebuild_desk_columns` and puts back on the rebuilt rows.
public struct JournalRebuild: Sendable {
    /// The columns of `conversations` that the desk writes and the journal knows nothing of.
    public static let deskColumns = [
        "assignee_id", "team_id", "assigned_at", "priority_override", "first_response_due_at", "next_response_due_at",
        "resolution_due_at", "first_responded_at", "language", "routed_at", "sla_due_at", "sla_evaluated_at", "sla_status",
        "needed_skills",
    ]
    static let keep = "rebuild_desk_columns"

    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Sets the desk's columns aside and empties what the journal derives, marking every event
    /// pending again. After a rebuild that stopped half-way, the columns set aside then are kept
    /// (the conversations left are half rebuilt), so running it again loses nothing.
    public func begin() async throws {
        try await IngestStore(database: database).withIngestTransaction { store in
            let sql = try store.database.requireSQL()
            if try await !exists(sql) {
                try await sql.raw("""
                    CREATE TABLE \(ident: Self.keep) AS SELECT id, \(idents: Self.deskColumns, joinedBy: ", ") FROM conversations
                    """).run()
            }
            try await store.resetDerivedTables()
        }
    }

    /// After the journal was processed again: puts the desk's columns back on the conversations
    /// that came back, recomputes their effective priority, and drops what was set aside.
    public func finish() async throws {
        try await IngestStore(database: database).withIngestTransaction { store in
            let sql = try store.database.requireSQL()
            guard try await exists(sql) else { return }
            let assignments = Self.deskColumns.map { column in
                "\(column) = (SELECT k.\(column) FROM \(Self.keep) k WHERE k.id = conversations.id)"
            }.joined(separator: ", ")
            try await sql.raw("""
                UPDATE conversations SET \(unsafeRaw: assignments) WHERE id IN (SELECT id FROM \(ident: Self.keep))
                """).run()
            try await PriorityWrites.refresh(
                sql, where: "priority_override IS NOT NULL OR sla_status = \(bind: SLAStanding.Status.breached.rawValue)")
            try await sql.raw("DROP TABLE \(ident: Self.keep)").run()
        }
    }

    func exists(_ sql: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString = sql.dialect.name == "postgresql"
            ? "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = \(bind: Self.keep)"
            : "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = \(bind: Self.keep)"
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }
}
