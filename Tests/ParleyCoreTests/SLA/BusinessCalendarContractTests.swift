import Foundation
import ParleyCore
import Testing

@Suite struct BusinessCalendarContractTests {
    let newYork = """
        {"timezone":"America/New_York","hours":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],
        "wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}}
        """

    @Test func contractExample() throws {
        let calendar = try businessCalendar(newYork)
        let due = try calendar.due(start: utc("2026-11-27T21:44:00Z"), minutes: 30)
        #expect(SLAInstant.format(due) == "2026-11-30T14:14:00Z")
        #expect(calendar.elapsed(from: utc("2026-11-27T21:44:00Z"), to: due) == 1800)
    }

    @Test(arguments: [
        // Inside hours, running out exactly at closing: due at closing, not at the next opening.
        ("2026-11-27T21:30:00Z", 30, "2026-11-27T22:00:00Z"),
        // One minute more carries over the weekend.
        ("2026-11-27T21:30:00Z", 31, "2026-11-30T14:01:00Z"),
        // Started before opening, on closing, after closing: the clock starts at the next opening.
        ("2026-11-30T05:00:00Z", 1, "2026-11-30T14:01:00Z"),
        ("2026-11-30T22:00:00Z", 60, "2026-12-01T15:00:00Z"),
        ("2026-11-28T12:00:00Z", 480, "2026-11-30T22:00:00Z"),
        // Exactly at opening.
        ("2026-11-30T14:00:00Z", 480, "2026-11-30T22:00:00Z"),
        // A whole week of business time: five days of eight hours.
        ("2026-11-30T14:00:00Z", 2400, "2026-12-04T22:00:00Z"),
        // Seconds in the start carry through.
        ("2026-11-30T14:00:30Z", 1, "2026-11-30T14:01:30Z"),
    ])
    func dueInNewYork(start: String, minutes: Int, expected: String) throws {
        let calendar = try businessCalendar(newYork)
        #expect(SLAInstant.format(try calendar.due(start: utc(start), minutes: minutes)) == expected)
    }

    @Test func elapsedIsHalfOpenAndNeverNegative() throws {
        let calendar = try businessCalendar(newYork)
        #expect(calendar.elapsed(from: utc("2026-11-30T14:00:00Z"), to: utc("2026-11-30T14:00:00Z")) == 0)
        #expect(calendar.elapsed(from: utc("2026-11-30T15:00:00Z"), to: utc("2026-11-30T14:00:00Z")) == 0)
        #expect(calendar.elapsed(from: utc("2026-11-30T14:00:00Z"), to: utc("2026-11-30T14:00:01Z")) == 1)
        #expect(calendar.elapsed(from: utc("2026-11-30T21:59:59Z"), to: utc("2026-11-30T22:00:01Z")) == 1)
        #expect(calendar.elapsed(from: utc("2026-11-28T00:00:00Z"), to: utc("2026-11-30T00:00:00Z")) == 0)
        #expect(calendar.elapsed(from: utc("2026-11-30T00:00:00Z"), to: utc("2026-12-07T00:00:00Z")) == 5 * 8 * 3600)
    }

    @Test func splitShifts() throws {
        let calendar = try businessCalendar("""
            {"timezone":"Europe/London","hours":{"mon":[["09:00","12:00"],["13:00","17:30"]]}}
            """)
        // Monday 2026-06-01, BST (UTC+1).
        #expect(try calendar.due(start: utc("2026-06-01T10:50:00Z"), minutes: 10) == utc("2026-06-01T11:00:00Z"))
        #expect(try calendar.due(start: utc("2026-06-01T10:50:00Z"), minutes: 20) == utc("2026-06-01T12:10:00Z"))
        #expect(try calendar.due(start: utc("2026-06-01T11:30:00Z"), minutes: 1) == utc("2026-06-01T12:01:00Z"))
        #expect(try calendar.due(start: utc("2026-06-01T10:50:00Z"), minutes: 280) == utc("2026-06-01T16:30:00Z"))
        #expect(try calendar.due(start: utc("2026-06-01T10:50:00Z"), minutes: 281) == utc("2026-06-08T08:01:00Z"))
        #expect(calendar.elapsed(from: utc("2026-06-01T00:00:00Z"), to: utc("2026-06-02T00:00:00Z")) == 27_000)
    }

    @Test func overlappingAndTouchingPeriodsAreOneStretch() throws {
        let pieces = try businessCalendar("""
            {"timezone":"UTC","hours":{"tue":[["13:00","14:00"],["09:00","12:00"],["12:00","13:00"],["10:00","11:00"]]}}
            """)
        let whole = try businessCalendar(#"{"timezone":"UTC","hours":{"tue":[["09:00","14:00"]]}}"#)
        #expect(pieces == whole)
        #expect(pieces.hours?[.tue]?.count == 1)
    }

    @Test func holidaysAreLocalDatesClosedAllDay() throws {
        let newYorkWithChristmas = try businessCalendar("""
            {"timezone":"America/New_York","hours":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],
            "wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},"holidays":["2026-12-25"]}
            """)
        // Thursday 16:50 EST, Friday is Christmas: the clock resumes Monday.
        #expect(try newYorkWithChristmas.due(start: utc("2026-12-24T21:50:00Z"), minutes: 30) == utc("2026-12-28T14:20:00Z"))
        #expect(newYorkWithChristmas.elapsed(from: utc("2026-12-25T00:00:00Z"), to: utc("2026-12-26T12:00:00Z")) == 0)

        // Auckland is UTC+13 in December: its Christmas runs 2026-12-24T11:00Z to 2026-12-25T11:00Z.
        let auckland = try businessCalendar(#"{"timezone":"Pacific/Auckland","holidays":["2026-12-25","2026-12-25"]}"#)
        #expect(auckland.elapsed(from: utc("2026-12-24T00:00:00Z"), to: utc("2026-12-26T00:00:00Z")) == 86_400)
        #expect(try auckland.due(start: utc("2026-12-24T10:00:00Z"), minutes: 120) == utc("2026-12-25T12:00:00Z"))
        #expect(try auckland.due(start: utc("2026-12-24T10:00:00Z"), minutes: 60) == utc("2026-12-24T11:00:00Z"))
    }

    @Test func noHoursMeansOpenAroundTheClock() throws {
        let calendar = try businessCalendar(#"{"timezone":"America/New_York"}"#)
        #expect(calendar.hours == nil)
        #expect(try calendar.due(start: utc("2026-11-28T12:34:56Z"), minutes: 1440) == utc("2026-11-29T12:34:56Z"))
        #expect(calendar.elapsed(from: utc("2026-01-01T00:00:00Z"), to: utc("2027-01-01T00:00:00Z")) == 365 * 86_400)
        // Across the spring-forward gap business time is real time, not wall time.
        #expect(try calendar.due(start: utc("2026-03-08T06:00:00Z"), minutes: 120) == utc("2026-03-08T08:00:00Z"))
        // Ten years of minutes walks ten years of days without trouble.
        #expect(try calendar.due(start: utc("2026-01-01T00:00:00Z"), minutes: 5_260_000) == utc("2026-01-01T00:00:00Z").addingTimeInterval(5_260_000 * 60))
    }

    @Test func periodsAcrossMidnightFormOneStretch() throws {
        let calendar = try businessCalendar("""
            {"timezone":"America/New_York","hours":{"mon":[["18:00","24:00"]],"tue":[["00:00","02:00"]]}}
            """)
        // Monday 2026-11-30 23:50 EST, 20 minutes: through midnight without a break.
        #expect(try calendar.due(start: utc("2026-12-01T04:50:00Z"), minutes: 20) == utc("2026-12-01T05:10:00Z"))
        // From Monday 18:00, 480 minutes run out at Tuesday 02:00, the stretch's closing time.
        #expect(try calendar.due(start: utc("2026-11-30T23:00:00Z"), minutes: 480) == utc("2026-12-01T07:00:00Z"))
        #expect(try calendar.due(start: utc("2026-11-30T23:00:00Z"), minutes: 481) == utc("2026-12-07T23:01:00Z"))
        #expect(calendar.elapsed(from: utc("2026-11-30T00:00:00Z"), to: utc("2026-12-07T00:00:00Z")) == 8 * 3600)
        // Midnight exactly is inside the stretch.
        #expect(calendar.elapsed(from: utc("2026-12-01T05:00:00Z"), to: utc("2026-12-01T05:00:01Z")) == 1)
    }

    @Test func sundayToMondayWrapsTheWeek() throws {
        let calendar = try businessCalendar(#"{"timezone":"Asia/Kolkata","hours":{"sun":[["22:00","24:00"]],"mon":[["00:00","01:00"]]}}"#)
        // Sunday 2026-11-29 22:00 IST is 16:30Z.
        #expect(try calendar.due(start: utc("2026-11-29T00:00:00Z"), minutes: 180) == utc("2026-11-29T19:30:00Z"))
        #expect(calendar.elapsed(from: utc("2026-11-23T00:00:00Z"), to: utc("2026-11-30T00:00:00Z")) == 3 * 3600)
    }

    @Test func calendarRoundTripsThroughJSON() throws {
        let calendar = try businessCalendar("""
            {"timezone":"Europe/London","hours":{"mon":[["13:00","17:30"],["09:00","12:00"]],"sat":[]},"holidays":["2026-12-26","2026-12-25"]}
            """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(calendar), as: UTF8.self)
        #expect(json == #"{"holidays":["2026-12-25","2026-12-26"],"hours":{"mon":[["09:00","12:00"],["13:00","17:30"]]},"timezone":"Europe/London"}"#)
        #expect(try businessCalendar(json) == calendar)
    }
}
