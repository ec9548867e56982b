import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// The append-only journal of raw events.
public struct Journal: Sendable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case processed
        case malformed
    }

    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Appends events that are not already journaled (same source and external id) and returns how
    /// many were new. Durable when it returns: only then may a source acknowledge or advance.
    @discardableResult
    public func append(_ events: [RawEvent]) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        let sql = try database.requireSQL()
        var inserted = 0
        // SQLite allows 32,766 bound values per statement; 6 per row keeps a chunk well under it.
        for chunk in stride(from: 0, to: events.count, by: 1000).map({ events[$0..<min($0 + 1000, events.count)] }) {
            var insert = sql.insert(into: "journal_events")
                .columns("source", "external_id", "received_at", "payload", "status")
            for event in chunk {
                insert = insert.values(
                    SQLBind(event.source.rawValue), SQLBind(event.externalID), SQLBind(event.receivedAt),
                    SQLBind(event.payload), SQLBind(Status.pending.rawValue))
            }
            // RETURNING lists only the rows actually inserted, not those skipped as already journaled.
            inserted += try await insert.ignoringConflicts(with: ["source", "external_id"]).returning("id").all().count
        }
        return inserted
    }

    /// The bytes journaled for one event, as they arrived.
    public func payload(source: EventSource, externalID: String) async throws -> Data? {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT payload FROM journal_events WHERE source = \(bind: source.rawValue) AND external_id = \(bind: externalID)
            """).first()?.decode(column: "payload", as: Data.self)
    }

    /// The oldest events not yet processed, in journal order.
    public func pending(limit: Int) async throws -> [JournalEntry] {
        try await IngestRows.pendingJournal(try database.requireSQL(), limit: limit)
    }

    /// Counts of events per status.
    public func counts() async throws -> [Status: Int] {
        let sql = try database.requireSQL()
        let rows = try await sql.raw("SELECT status, COUNT(*) AS n FROM journal_events GROUP BY status").all()
        var result: [Status: Int] = [:]
        for row in rows {
            let status = try row.decode(column: "status", as: String.self)
            guard let known = Status(rawValue: status) else { continue }
            result[known] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    /// Errors of malformed events, newest first, for the operator.
    public func malformed(limit: Int) async throws -> [(sequence: Int, source: String, error: String)] {
        try await JournalEventRecord.query(on: database)
            .filter(\.$status == Status.malformed.rawValue)
            .sort(\.$id, .descending)
            .limit(limit)
            .all()
            .map { (try $0.requireID(), $0.source, $0.error ?? "") }
    }
}
