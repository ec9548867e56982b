import Foundation

extension BusinessCalendar {
    /// The earliest instant by which `minutes` business minutes have passed since `start`. A clock
    /// started outside hours starts at the next opening; one that runs out exactly at closing time
    /// is due at closing time.
    public func due(start: Date, minutes: Int) throws(BusinessCalendarError) -> Date {
        guard minutes >= 1 else { throw .minutesBelowOne(minutes) }
        // Business time never runs faster than the wall clock, so this bound also keeps a huge N
        // from walking millions of days before failing.
        guard TimeInterval(minutes) * 60 <= SLAInstant.latest.timeIntervalSince(start) else { throw .dueOutOfRange }
        var remaining = TimeInterval(minutes) * 60
        let firstDay = localDay(of: start)
        let searchDays = Self.searchYears * 366
        let lastWritableDay = CalendarDay(year: 9999, month: 12, day: 31)!
        // The day before too: with clocks going back at midnight, the previous local date can
        // still be running at `start`.
        var openings = BusinessOpenings(self, from: firstDay.adding(days: -1))
        var searchEnd = firstDay.adding(days: searchDays)
        var lastOpening = start
        while let open = openings.next(through: min(searchEnd, lastWritableDay)) {
            guard open.upperBound > start else { continue }
            let from = max(open.lowerBound, start)
            let available = open.upperBound.timeIntervalSince(from)
            if remaining <= available {
                let due = from.addingTimeInterval(remaining)
                guard due <= SLAInstant.latest else { throw .dueOutOfRange }
                return due
            }
            remaining -= available
            lastOpening = open.upperBound
            searchEnd = localDay(of: open.upperBound).adding(days: searchDays)
        }
        if searchEnd > lastWritableDay { throw .dueOutOfRange }
        throw .noOpeningWithin(years: Self.searchYears, after: lastOpening)
    }

    /// Business time in [from, to), in seconds; zero when `to` is not after `from`.
    public func elapsed(from: Date, to: Date) -> TimeInterval {
        guard from < to else { return 0 }
        var openings = BusinessOpenings(self, from: localDay(of: from).adding(days: -1))
        let lastDay = localDay(of: to).adding(days: 1)
        var total: TimeInterval = 0
        while let open = openings.next(through: lastDay), open.lowerBound < to {
            let lower = max(open.lowerBound, from), upper = min(open.upperBound, to)
            if upper > lower { total += upper.timeIntervalSince(lower) }
        }
        return total
    }
}
