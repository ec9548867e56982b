import Foundation
import ParleyCore

/// A report's query string (`from`, `to`, `group_by`, `tz`, `format`) read the same way by the
/// API and the page: days are midnights in `tz`, `to` as a day includes it, and the period is
/// 1 second to 400 days (default: the 7 days up to the end of today in `tz`).
struct ReportRequest: Sendable {
    var from: Date
    var to: Date
    var grouping: ReportGrouping
    var timeZone: TimeZone
    var csv: Bool

    /// `2026-11-27`: the day `date` falls on in the report's zone.
    func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The zone's name as given (Foundation calls UTC "GMT").
    var zoneName: String { ["GMT", "UTC"].contains(timeZone.identifier) ? "UTC" : timeZone.identifier }

    struct Query: Decodable {
        var from: String?
        var to: String?
        var group_by: String?
        var tz: String?
        var format: String?
    }

    static let parameters: Set<String> = ["from", "to", "group_by", "tz", "format"]

    static func parse(_ query: Query, now: Date, defaultZone: TimeZone, defaultGrouping: ReportGrouping = .none) throws -> ReportRequest {
        func bad(_ message: String) -> HTTPError { HTTPError(.badRequest, "bad_request", message) }
        var zone = defaultZone
        if let raw = query.tz, !raw.isEmpty {
            guard raw.count <= 64, let named = TimeZone(identifier: raw) else { throw bad("tz must be an IANA time zone such as Europe/Berlin.") }
            zone = named
        }
        var grouping = defaultGrouping
        if let raw = query.group_by, !raw.isEmpty {
            guard let known = ReportGrouping(rawValue: raw) else {
                throw bad("group_by must be one of: \(ReportGrouping.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            grouping = known
        }
        func date(_ raw: String?, _ name: String, endOfDay: Bool) throws -> Date? {
            guard let raw, !raw.isEmpty else { return nil }
            guard let date = InstantOrDay.parse(raw, endOfDay: endOfDay, in: zone) else { throw bad("\(name) must be \(InstantOrDay.expected).") }
            return date
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let endOfToday = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
        let to = try date(query.to, "to", endOfDay: true) ?? endOfToday
        let from = try date(query.from, "from", endOfDay: false) ?? (calendar.date(byAdding: .day, value: -7, to: to) ?? to.addingTimeInterval(-7 * 86_400))
        guard from < to else { throw bad("from must be before to.") }
        guard to.timeIntervalSince(from) <= ReportScope.longest else { throw bad("A report covers at most 400 days.") }
        var csv = false
        if let raw = query.format, !raw.isEmpty {
            guard raw == "csv" || raw == "json" else { throw bad("format must be json or csv.") }
            csv = raw == "csv"
        }
        return ReportRequest(from: from, to: to, grouping: grouping, timeZone: zone, csv: csv)
    }
}
