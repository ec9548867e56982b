import Foundation

/// A period's end as people type it: a UTC instant (`2026-11-25T09:30:00Z`) or a UTC day
/// (`2026-11-25`); a day given as the end of a period includes that whole day.
public enum InstantOrDay {
    public static let expected = "a UTC instant (2026-11-25T09:30:00Z) or a day (2026-11-25)"

    /// The moment `raw` names, or nil when it is neither form.
    public static func parse(_ raw: String, endOfDay: Bool) -> Date? {
        if let instant = try? Date(raw, strategy: .iso8601) { return instant }
        if raw.count == 10, let day = try? Date(raw, strategy: .iso8601.year().month().day()) {
            return endOfDay ? day.addingTimeInterval(86_400) : day
        }
        return nil
    }
}
