import FluentKit
import Foundation
import Logging
import ParleyStore
import ParleyX

/// Counts every request to X per handle and resource, prices it, and keeps the daily table that
/// `parley stats` and `/metrics` read. A handle's monthly budget pauses its reads, never its sends.
public struct XCostMeter: Sendable {
    /// The key for what no single handle owns (the app's filtered stream).
    public static let appKey = "app"

    let database: any Database
    let prices: XUnitPrices
    let metrics: ParleyMetrics
    let clock: @Sendable () -> Date

    public init(database: any Database, prices: XUnitPrices, metrics: ParleyMetrics, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.prices = prices
        self.metrics = metrics
        self.clock = clock
    }

    /// Records one request and what it returned or created. `primary` carries the request itself
    /// when it returned nothing billable (an empty page still counts as a request).
    public func record(handleKey: String, usage: XUsage, primary: XResource, on transaction: (any Database)? = nil) async throws {
        let day = Self.day(clock())
        var rows: [XUsageRow] = []
        var first = true
        for resource in XResource.allCases where usage[resource] > 0 || resource == primary {
            let units = usage[resource]
            let cost = units * prices.price(of: resource)
            rows.append(XUsageRow(handleKey: handleKey, day: day, resource: resource.rawValue,
                                  requests: resource == primary && first ? 1 : 0, units: units, costMicros: cost))
            if resource == primary { first = false }
            metrics.xUnits(resource: resource.rawValue).increment(by: Int64(units))
            metrics.xCost(resource: resource.rawValue).increment(by: Int64(cost))
        }
        try await XUsageQueries(database: transaction ?? database).add(rows)
    }

    /// What the handle spent this UTC month, in microdollars.
    public func spentThisMonth(handleKey: String) async throws -> Int {
        try await XUsageQueries(database: database).spent(handleKey: handleKey, since: Self.monthStart(clock()))
    }

    /// Whether the handle's reads are paused by its budget.
    public func budgetReached(_ status: XConnectionStatus) async throws -> Bool {
        guard let budget = status.monthlyBudgetMicros else { return false }
        return try await spentThisMonth(handleKey: status.handleID.uuidString) >= budget
    }

    static func day(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func monthStart(_ date: Date) -> String {
        String(day(date).prefix(7)) + "-01"
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

/// Daily and monthly totals, for `parley stats --json` and the inbox.
public struct XCostReport: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var requests: Int
        public var units: [String: Int]
        public var costUSD: Double

        enum CodingKeys: String, CodingKey {
            case requests, units
            case costUSD = "cost_usd"
        }
    }

    public struct Handle: Sendable, Codable, Equatable {
        public var today: Line
        public var month: Line
        public var budgetUSD: Double?
        public var readsPaused: Bool

        enum CodingKeys: String, CodingKey {
            case today, month
            case budgetUSD = "budget_usd"
            case readsPaused = "reads_paused"
        }
    }

    public var day: String
    public var month: String
    public var today: Line
    public var thisMonth: Line
    /// By handle username (or `app`).
    public var handles: [String: Handle]

    enum CodingKeys: String, CodingKey {
        case day, month, today, handles
        case thisMonth = "this_month"
    }

    public static func build(database: any Database, now: Date) async throws -> XCostReport {
        let day = XCostMeter.day(now)
        let monthStart = XCostMeter.monthStart(now)
        let rows = try await XUsageQueries(database: database).rows(since: monthStart)
        let statuses = try await XConnectionQueries(database: database).statuses()
        let names = Dictionary(uniqueKeysWithValues: statuses.map { ($0.handleID.uuidString, $0.username) })
        func line(_ rows: [XUsageRow]) -> Line {
            Line(requests: rows.reduce(0) { $0 + $1.requests },
                 units: rows.reduce(into: [:]) { $0[$1.resource, default: 0] += $1.units },
                 costUSD: Double(rows.reduce(0) { $0 + $1.costMicros }) / 1_000_000)
        }
        var handles: [String: Handle] = [:]
        for (key, group) in Dictionary(grouping: rows, by: \.handleKey) {
            let status = statuses.first { $0.handleID.uuidString == key }
            let month = line(group)
            let budget = status?.monthlyBudgetMicros
            handles[names[key] ?? key] = Handle(
                today: line(group.filter { $0.day == day }), month: month,
                budgetUSD: budget.map { Double($0) / 1_000_000 },
                readsPaused: budget.map { group.reduce(0) { $0 + $1.costMicros } >= $0 } ?? false)
        }
        return XCostReport(day: day, month: String(monthStart.prefix(7)), today: line(rows.filter { $0.day == day }),
                           thisMonth: line(rows), handles: handles)
    }
}
