import Foundation
import ParleyCore
import Testing

@Suite struct CalendarDayTests {
    @Test func dayArithmeticAgreesWithFoundation() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let weekdays: [BusinessWeekday] = [.sun, .mon, .tue, .wed, .thu, .fri, .sat]
        // Every 97th day over five centuries, leap rules at 1900, 2000 and 2100 included.
        for days in stride(from: -25_000, through: 160_000, by: 97) {
            let day = CalendarDay(daysSince1970: days)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: day.midnightUTC)
            #expect(day.year == parts.year && day.month == parts.month && day.day == parts.day, "\(days)")
            #expect(day.weekday == weekdays[parts.weekday! - 1], "\(days)")
            #expect(CalendarDay(year: day.year, month: day.month, day: day.day) == day)
        }
    }

    @Test func parsingAndLeapDays() throws {
        #expect(try CalendarDay(parsing: "2024-02-29").description == "2024-02-29")
        #expect(CalendarDay(year: 2100, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 2026, month: 11, day: 27)?.weekday == .fri)
    }

    @Test func instantsRoundTrip() throws {
        for text in ["0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-11-27T21:44:00Z", "9999-12-31T23:59:59Z"] {
            #expect(SLAInstant.format(try SLAInstant.parse(text)) == text)
        }
        #expect(try SLAInstant.parse("2026-11-27T21:44:00Z") == Date(timeIntervalSince1970: 1_795_815_840))
        #expect(SLAInstant.latest == (try SLAInstant.parse("9999-12-31T23:59:59Z")))
    }
}
