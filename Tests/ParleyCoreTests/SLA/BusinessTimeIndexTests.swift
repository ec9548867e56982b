import Foundation
import ParleyCore
import Testing

/// The index answers exactly as the calendar it lays out, on the property tests' calendars (split
/// shifts, overnight stretches, holidays, 24/7, clocks changing inside open hours), inside its
/// span, at its edges and past them.
@Suite struct BusinessTimeIndexTests {
    @Test(arguments: 0..<BusinessCalendarPropertyTests.calendars.count)
    func answersAsTheCalendar(index: Int) throws {
        let calendar = try businessCalendar(BusinessCalendarPropertyTests.calendars[index])
        let window = BusinessCalendarPropertyTests.window
        var random = SplitMix64(seed: 0x1DE7_0000 + UInt64(index))
        for _ in 0..<20 {
            // A span of 1 to 60 days somewhere in the two years.
            let lower = Int.random(in: window, using: &random)
            let span = Date(timeIntervalSince1970: TimeInterval(lower))...Date(timeIntervalSince1970: TimeInterval(lower + Int.random(in: 1...60, using: &random) * 86_400))
            let indexed = BusinessTimeIndex(calendar, span: span)
            func instant() -> Date {
                // Mostly inside the span, some a day or two outside it; some with a fraction.
                let reach = span.upperBound.timeIntervalSince(span.lowerBound)
                let offset = Double.random(in: -2 * 86_400...(reach + 2 * 86_400), using: &random)
                let seconds = span.lowerBound.timeIntervalSince1970 + offset
                return Date(timeIntervalSince1970: Bool.random(using: &random) ? seconds.rounded(.down) : (seconds * 1000).rounded() / 1000)
            }
            for _ in 0..<40 {
                let a = instant(), b = instant()
                #expect(indexed.elapsed(from: a, to: b) == calendar.elapsed(from: a, to: b), "\(a) \(b)")
                let minutes = Bool.random(using: &random) ? Int.random(in: 1...600, using: &random) : Int.random(in: 1...30_000, using: &random)
                #expect(try indexed.due(start: a, minutes: minutes) == calendar.due(start: a, minutes: minutes), "\(a) \(minutes)")
            }
            // The span's own ends.
            #expect(indexed.elapsed(from: span.lowerBound, to: span.upperBound) == calendar.elapsed(from: span.lowerBound, to: span.upperBound))
            #expect(try indexed.due(start: span.upperBound, minutes: 60) == calendar.due(start: span.upperBound, minutes: 60))
        }
    }

    @Test func refusesWhatTheCalendarRefuses() throws {
        let calendar = try businessCalendar(BusinessCalendarPropertyTests.calendars[0])
        let start = utc("2026-06-01T00:00:00Z")
        let indexed = BusinessTimeIndex(calendar, span: start...start.addingTimeInterval(7 * 86_400))
        #expect(calendarError { _ = try indexed.due(start: start, minutes: 0) } == .minutesBelowOne(0))
        #expect(indexed.elapsed(from: start.addingTimeInterval(3600), to: start) == 0)
    }
}
