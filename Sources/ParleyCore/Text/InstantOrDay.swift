import Foundation

/// A period's end as people type it: an instant (`2026-11-25T09:30:00Z`) or a day
/// (`2026-11-25`, midnight in the given zone, UTC unless said); a day given as the end of a
/// period includes that whole day.
public enum InstantOrDay {
    public static let expected = "an instant (2026-11-25T09:30:00Z) or a day (2026-11-25)"

    /// The moment `raw` names, or nil when it is neither form.
    public static func parse(_ raw: String, endOfDay: Bool, in zone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        if let instant = try? Date(raw, strategy: .iso8601) { return instant }
        guard raw.count == 10, let utcDay = try? Date(raw, strategy: .iso8601.year().month().day()) else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var local = Calendar(identifier: .gregorian)
        local.timeZone = zone
        var parts = utc.dateComponents([.year, .month, .day], from: utcDay)
        if endOfDay { parts.day = (parts.day ?? 1) + 1 }
        // Midnight where it exists; on a day whose clocks skip midnight, the first instant after.
        return local.date(from: parts)
    }
}
