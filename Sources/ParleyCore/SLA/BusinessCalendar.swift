import Foundation

/// When a brand is open: weekly local hours in one IANA time zone, minus holidays. The server and
/// `parley sla` share it, so an SLA clock means the same thing everywhere (issue 8, "SLA calendar
/// contract"). Time is always a parameter; nothing here reads the clock.
public struct BusinessCalendar: Sendable, Equatable {
    /// How far `due` looks for business time before calling a calendar never open: holidays are a
    /// finite list, so a calendar with any open weekday opens again within a year or so; ten years
    /// leaves room for long holiday lists without letting a bad calendar spin.
    public static let searchYears = 10

    public let timeZone: TimeZone
    /// Nil when the calendar is open around the clock; a day missing from the map is closed.
    /// Each day's periods are disjoint and sorted, touching ones joined.
    public let hours: [BusinessWeekday: [BusinessHoursPeriod]]?
    public let holidays: Set<CalendarDay>

    /// The periods of each weekday in `BusinessWeekday.allCases` order, 24/7 included.
    let week: [[BusinessHoursPeriod]]
    let gregorian: Calendar

    public init(
        timeZoneIdentifier: String, hours: [BusinessWeekday: [BusinessHoursPeriod]]?, holidays: Set<CalendarDay> = []
    ) throws(BusinessCalendarError) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { throw .unknownTimeZone(timeZoneIdentifier) }
        let normalized = hours.map { $0.filter { !$0.value.isEmpty }.mapValues(BusinessHoursPeriod.union) }
        let allDay = [BusinessHoursPeriod(uncheckedStart: WallClockTime(minutesSinceMidnight: 0), end: .endOfDay)]
        let week = BusinessWeekday.allCases.map { day in normalized.map { $0[day] ?? [] } ?? allDay }
        guard week.contains(where: { !$0.isEmpty }) else { throw .neverOpen }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        self.timeZone = zone
        self.hours = normalized
        self.holidays = holidays
        self.week = week
        self.gregorian = gregorian
    }

    /// The local date at `instant` in the calendar's zone.
    func localDay(of instant: Date) -> CalendarDay {
        let local = instant.timeIntervalSince1970 + TimeInterval(timeZone.secondsFromGMT(for: instant))
        return CalendarDay(daysSince1970: Int((local / 86_400).rounded(.down)))
    }

    /// The instant a local wall time names. Foundation's Gregorian calendar resolves the two DST
    /// edge cases as the contract asks (tested in BusinessCalendarDSTTests): a time in a gap moves
    /// forward by the gap, an ambiguous time is its first occurrence. 24:00 is the next midnight.
    func instant(on day: CalendarDay, at time: WallClockTime) -> Date? {
        let (date, minutes) = time == .endOfDay ? (day.adding(days: 1), 0) : (day, time.minutesSinceMidnight)
        let (year, month, dayOfMonth) = date.civil
        return gregorian.date(from: DateComponents(year: year, month: month, day: dayOfMonth, hour: minutes / 60, minute: minutes % 60))
    }

    /// The open intervals of one local date, in order. A DST gap can make a period empty (02:30–03:00
    /// on the night clocks jump from 02:00 to 03:00 opens at 03:30 and closes at 03:00) or make two
    /// periods overlap; callers take the union.
    func openings(on day: CalendarDay) -> [Range<Date>] {
        guard !holidays.contains(day) else { return [] }
        let periods = week[BusinessWeekday.allCases.firstIndex(of: day.weekday)!]
        var result: [Range<Date>] = []
        result.reserveCapacity(periods.count)
        for period in periods {
            guard let start = instant(on: day, at: period.start), let end = instant(on: day, at: period.end), end > start else { continue }
            result.append(start..<end)
        }
        return result.count > 1 ? result.sorted { $0.lowerBound < $1.lowerBound } : result
    }
}

extension BusinessCalendar {
    /// Open all day, every day, in UTC: the clock of a handle with no SLA policy.
    public static let alwaysOpen: BusinessCalendar = {
        do {
            return try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil)
        } catch {
            preconditionFailure("UTC around the clock is a valid calendar: \(error)")
        }
    }()
}
