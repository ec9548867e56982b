import Foundation

/// The calendar's open time as instants, walked one local date at a time from `day`: intervals in
/// order that never overlap. Touching intervals (an overnight stretch split at midnight) come out
/// as separate pieces; due and elapsed add time, so the split changes neither.
struct BusinessOpenings {
    private let calendar: BusinessCalendar
    private(set) var day: CalendarDay
    private var pending: [Range<Date>] = []
    private var covered: Date = .distantPast

    init(_ calendar: BusinessCalendar, from day: CalendarDay) {
        self.calendar = calendar
        self.day = day
    }

    /// The next open interval from a local date no later than `lastDay`, or nil once past it.
    mutating func next(through lastDay: CalendarDay) -> Range<Date>? {
        while true {
            while !pending.isEmpty {
                let interval = pending.removeFirst()
                guard interval.upperBound > covered else { continue }
                let piece = max(interval.lowerBound, covered)..<interval.upperBound
                covered = interval.upperBound
                return piece
            }
            guard day <= lastDay else { return nil }
            pending = calendar.openings(on: day)
            day = day.adding(days: 1)
        }
    }
}
