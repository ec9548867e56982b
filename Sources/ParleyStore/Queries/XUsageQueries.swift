import FluentKit
import FluentSQL
import Foundation

/// One day's reads or writes of one resource for one handle (or `app`).
public struct XUsageRow: Sendable, Equatable {
    public var handleKey: String
    /// UTC date, `YYYY-MM-DD`.
    public var day: String
    public var resource: String
    public var requests: Int
    public var units: Int
    public var costMicros: Int

    public init(handleKey: String, day: String, resource: String, requests: Int, units: Int, costMicros: Int) {
        self.handleKey = handleKey
        self.day = day
        self.resource = resource
        self.requests = requests
        self.units = units
        self.costMicros = costMicros
    }
}

/// The cost meter's table: counts add up per handle, UTC day and resource.
public struct XUsageQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Adds to the day's counts.
    public func add(_ rows: [XUsageRow]) async throws {
        let sql = try database.requireSQL()
        for row in rows {
            try await sql.raw("""
                INSERT INTO x_usage (handle_key, day, resource, requests, units, cost_micros)
                VALUES (\(bind: row.handleKey), \(bind: row.day), \(bind: row.resource), \(bind: row.requests), \(bind: row.units), \(bind: row.costMicros))
                ON CONFLICT (handle_key, day, resource) DO UPDATE SET
                  requests = x_usage.requests + excluded.requests,
                  units = x_usage.units + excluded.units,
                  cost_micros = x_usage.cost_micros + excluded.cost_micros
                """).run()
        }
    }

    /// Every row from `firstDay` on (inclusive), oldest first.
    public func rows(since firstDay: String) async throws -> [XUsageRow] {
        try await database.requireSQL().raw("""
            SELECT handle_key, day, resource, requests, units, cost_micros FROM x_usage
            WHERE day >= \(bind: firstDay) ORDER BY day, handle_key, resource
            """).all().map { row in
            XUsageRow(
                handleKey: try row.decode(column: "handle_key", as: String.self),
                day: try row.decode(column: "day", as: String.self),
                resource: try row.decode(column: "resource", as: String.self),
                requests: try row.decode(column: "requests", as: Int.self),
                units: try row.decode(column: "units", as: Int.self),
                costMicros: try row.decode(column: "cost_micros", as: Int.self))
        }
    }

    /// A handle's spending from `firstDay` on, in microdollars.
    public func spent(handleKey: String, since firstDay: String) async throws -> Int {
        try await database.requireSQL().raw("""
            SELECT COALESCE(SUM(cost_micros), 0) AS spent FROM x_usage
            WHERE handle_key = \(bind: handleKey) AND day >= \(bind: firstDay)
            """).first()?.decode(column: "spent", as: Int.self) ?? 0
    }
}
