import Foundation

/// A calendar's open intervals over a span of time, laid out once with the business time before
/// each, so `elapsed` and `due` are a binary search instead of a walk over local dates (each
/// opening is two Foundation calendar conversions). A report measures tens of thousands of cases
/// on one or two calendars; this is what makes that cheap. The answers are the calendar's own:
/// inside the span the index holds every opening the calendar's walk would meet, and an instant
/// outside it is handed to the calendar.
public struct BusinessTimeIndex: Sendable, Equatable {
    public let calendar: BusinessCalendar
    /// The instants the index answers for; openings reaching past either end are held whole.
    public let span: ClosedRange<Date>
    /// Open intervals in order, as seconds since 1970: `starts[i] ..< ends[i]`.
    private let starts: [Double]
    private let ends: [Double]
    /// Open seconds in the intervals before `i`.
    private let before: [Double]

    public init(_ calendar: BusinessCalendar, span: ClosedRange<Date>) {
        self.calendar = calendar
        self.span = span
        var starts: [Double] = [], ends: [Double] = [], before: [Double] = []
        // The same walk `elapsed` makes: from the local date before the first instant (clocks
        // going back at midnight) to the one after the last.
        var openings = BusinessOpenings(calendar, from: calendar.localDay(of: span.lowerBound).adding(days: -1))
        let lastDay = calendar.localDay(of: span.upperBound).adding(days: 1)
        var total = 0.0
        while let open = openings.next(through: lastDay) {
            let lower = open.lowerBound.timeIntervalSince1970, upper = open.upperBound.timeIntervalSince1970
            if let last = ends.last, last == lower {
                // Touching pieces (an overnight stretch split at midnight) are one interval.
                ends[ends.count - 1] = upper
            } else {
                starts.append(lower)
                ends.append(upper)
                before.append(total)
            }
            total += upper - lower
        }
        self.starts = starts
        self.ends = ends
        self.before = before
    }

    /// Business time in [from, to), in seconds: `BusinessCalendar.elapsed`.
    public func elapsed(from: Date, to: Date) -> TimeInterval {
        guard from < to else { return 0 }
        guard span.contains(from), span.contains(to) else { return calendar.elapsed(from: from, to: to) }
        return openSeconds(before: to.timeIntervalSince1970) - openSeconds(before: from.timeIntervalSince1970)
    }

    /// The earliest instant by which `minutes` business minutes have passed since `start`:
    /// `BusinessCalendar.due`.
    public func due(start: Date, minutes: Int) throws(BusinessCalendarError) -> Date {
        guard minutes >= 1 else { throw .minutesBelowOne(minutes) }
        guard span.contains(start) else { return try calendar.due(start: start, minutes: minutes) }
        let target = openSeconds(before: start.timeIntervalSince1970) + Double(minutes) * 60
        // The first interval by whose end `target` open seconds have passed; every interval the
        // index holds is a real opening, so a due time inside one is the calendar's.
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if before[mid] + (ends[mid] - starts[mid]) >= target { high = mid } else { low = mid + 1 }
        }
        guard low < starts.count else { return try calendar.due(start: start, minutes: minutes) }
        return Date(timeIntervalSince1970: starts[low] + (target - before[low]))
    }

    /// Open seconds from the index's first interval up to `t`.
    private func openSeconds(before t: Double) -> Double {
        let i = firstEnding(after: t)
        guard i < starts.count else { return before.last.map { $0 + (ends[ends.count - 1] - starts[starts.count - 1]) } ?? 0 }
        return before[i] + max(0, t - starts[i])
    }

    /// The intervals follow from the calendar and the span.
    public static func == (a: BusinessTimeIndex, b: BusinessTimeIndex) -> Bool {
        a.calendar == b.calendar && a.span == b.span
    }

    /// The first interval whose end is after `t` (`starts.count` when none).
    private func firstEnding(after t: Double) -> Int {
        var low = 0, high = ends.count
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] > t { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
