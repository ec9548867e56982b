import Foundation

/// One opening on a day, from `start` to `end` in local wall-clock time. A period never crosses
/// midnight: an overnight shift is 18:00–24:00 on one day and 00:00–02:00 on the next, and the
/// calendar joins the two into one stretch.
public struct BusinessHoursPeriod: Sendable, Hashable {
    public let start: WallClockTime
    public let end: WallClockTime

    public init(start: WallClockTime, end: WallClockTime, on day: BusinessWeekday) throws(BusinessCalendarError) {
        guard start != .endOfDay else { throw .badTime(start.description) }
        guard end > start else { throw .endNotAfterStart(day: day, start: start.description, end: end.description) }
        self.start = start
        self.end = end
    }

    /// Parses `["HH:MM", "HH:MM"]` from the calendar contract.
    public init(parsing pair: [String], on day: BusinessWeekday) throws(BusinessCalendarError) {
        guard pair.count == 2 else {
            throw .malformed("\(day.rawValue): each period must be a pair [\"HH:MM\", \"HH:MM\"], got \(pair.count) value(s)")
        }
        try self.init(start: WallClockTime(parsing: pair[0]), end: WallClockTime(parsing: pair[1]), on: day)
    }

    init(uncheckedStart start: WallClockTime, end: WallClockTime) {
        self.start = start
        self.end = end
    }

    /// The union of `periods` as disjoint periods in order; touching periods (12:00–13:00 and
    /// 13:00–14:00) become one.
    static func union(_ periods: [BusinessHoursPeriod]) -> [BusinessHoursPeriod] {
        var merged: [BusinessHoursPeriod] = []
        for period in periods.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, period.start <= last.end {
                merged[merged.count - 1] = BusinessHoursPeriod(uncheckedStart: last.start, end: max(last.end, period.end))
            } else {
                merged.append(period)
            }
        }
        return merged
    }
}
