import Foundation
import ParleyCore
import Testing

@Suite struct BusinessCalendarErrorTests {
    @Test(arguments: [
        (#"{"timezone":"Mars/Olympus"}"#, BusinessCalendarError.unknownTimeZone("Mars/Olympus")),
        (#"{"timezone":""}"#, .unknownTimeZone("")),
        (#"{"timezone":"UTC","hours":{"mon":[["9:00","17:00"]]}}"#, .badTime("9:00")),
        (#"{"timezone":"UTC","hours":{"mon":[["09:00","24:30"]]}}"#, .badTime("24:30")),
        (#"{"timezone":"UTC","hours":{"mon":[["09:00","12:60"]]}}"#, .badTime("12:60")),
        (#"{"timezone":"UTC","hours":{"mon":[["09:00","25:00"]]}}"#, .badTime("25:00")),
        (#"{"timezone":"UTC","hours":{"mon":[["ab:cd","17:00"]]}}"#, .badTime("ab:cd")),
        (#"{"timezone":"UTC","hours":{"mon":[["09:00:00","17:00"]]}}"#, .badTime("09:00:00")),
        (#"{"timezone":"UTC","hours":{"mon":[["24:00","24:00"]]}}"#, .badTime("24:00")),
        (#"{"timezone":"UTC","hours":{"mon":[["17:00","09:00"]]}}"#, .endNotAfterStart(day: .mon, start: "17:00", end: "09:00")),
        (#"{"timezone":"UTC","hours":{"fri":[["09:00","09:00"]]}}"#, .endNotAfterStart(day: .fri, start: "09:00", end: "09:00")),
        (#"{"timezone":"UTC","hours":{"monday":[["09:00","17:00"]]}}"#, .unknownDay("monday")),
        (#"{"timezone":"UTC","hours":{"Mon":[["09:00","17:00"]]}}"#, .unknownDay("Mon")),
        (#"{"timezone":"UTC","holidays":["2026-02-30"]}"#, .badHoliday("2026-02-30")),
        (#"{"timezone":"UTC","holidays":["2026-2-3"]}"#, .badHoliday("2026-2-3")),
        (#"{"timezone":"UTC","hours":{}}"#, .neverOpen),
        (#"{"timezone":"UTC","hours":{"mon":[],"sun":[]}}"#, .neverOpen),
    ])
    func invalidCalendars(json: String, expected: BusinessCalendarError) {
        #expect(calendarError { _ = try businessCalendar(json) } == expected)
    }

    @Test(arguments: [
        #"[]"#,
        #"{"hours":{"mon":[["09:00","17:00"]]}}"#,
        #"{"timezone":7}"#,
        #"{"timezone":"UTC","hours":null}"#,
        #"{"timezone":"UTC","hours":[["09:00","17:00"]]}"#,
        #"{"timezone":"UTC","hours":{"mon":["09:00","17:00"]}}"#,
        #"{"timezone":"UTC","hours":{"mon":[["09:00","12:00","13:00"]]}}"#,
        #"{"timezone":"UTC","holidays":"2026-12-25"}"#,
        #"{"timezone":"UTC","holiday":["2026-12-25"]}"#,
    ])
    func malformedCalendars(json: String) {
        guard case .malformed(let message)? = calendarError({ _ = try businessCalendar(json) }) else {
            Issue.record("expected a malformed-calendar error for \(json)")
            return
        }
        #expect(!message.isEmpty && !message.hasPrefix("unexpected"))
    }

    @Test(arguments: [
        "2026-11-27T21:44:00", "2026-11-27 21:44:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
        "2026-11-27T24:00:00Z", "2026-11-27T21:60:00Z", "2026-11-27T21:44:60Z", "2026-11-27T21:44:00.000Z",
        "2026-11-27T21:44:00+00:00", "0000-01-01T00:00:00Z", "2026-11-27t21:44:00z", "", "+026-11-27T21:44:00Z",
    ])
    func badInstants(text: String) {
        #expect(calendarError { _ = try SLAInstant.parse(text) } == .badInstant(text))
    }

    @Test(arguments: [0, -1, Int.min])
    func minutesBelowOne(minutes: Int) throws {
        let calendar = try businessCalendar(#"{"timezone":"UTC"}"#)
        #expect(calendarError { _ = try calendar.due(start: utc("2026-01-01T00:00:00Z"), minutes: minutes) } == .minutesBelowOne(minutes))
    }

    @Test func dueFindsNoOpeningWithinTenYears() throws {
        // Open on Mondays only, and every Monday for eleven years is a holiday.
        let firstMonday = CalendarDay(year: 2026, month: 11, day: 30)!
        let mondays = Set((0..<(11 * 53)).map { firstMonday.adding(days: 7 * $0) })
        let period = try BusinessHoursPeriod(start: WallClockTime(parsing: "09:00"), end: WallClockTime(parsing: "17:00"), on: .mon)
        let calendar = try BusinessCalendar(timeZoneIdentifier: "Europe/Paris", hours: [.mon: [period]], holidays: mondays)
        let start = utc("2026-11-28T00:00:00Z")
        let error = calendarError { _ = try calendar.due(start: start, minutes: 1) }
        #expect(error == .noOpeningWithin(years: 10, after: start))
        #expect(error?.description.contains("never open") == true)
        // Once the holidays run out it opens again: elapsed still works across them.
        #expect(calendar.elapsed(from: start, to: firstMonday.adding(days: 7 * 11 * 53 + 1).midnightUTC) == 8 * 3600)
    }

    @Test func dueAfterTheLastWritableInstant() throws {
        let calendar = try businessCalendar(#"{"timezone":"UTC"}"#)
        #expect(calendarError { _ = try calendar.due(start: utc("9999-12-31T00:00:00Z"), minutes: 1441) } == .dueOutOfRange)
        #expect(calendarError { _ = try calendar.due(start: utc("2026-01-01T00:00:00Z"), minutes: Int.max) } == .dueOutOfRange)
        #expect(try calendar.due(start: utc("9999-12-31T00:00:00Z"), minutes: 1439) == utc("9999-12-31T23:59:00Z"))
        let weekly = try businessCalendar(#"{"timezone":"UTC","hours":{"mon":[["09:00","10:00"]]}}"#)
        #expect(calendarError { _ = try weekly.due(start: utc("9999-12-20T00:00:00Z"), minutes: 180) } == .dueOutOfRange)
    }

    @Test func messagesNameTheFault() {
        #expect(BusinessCalendarError.unknownTimeZone("Mars/Olympus").description.contains("\"Mars/Olympus\""))
        #expect(BusinessCalendarError.badTime("9:00").description.contains("HH:MM"))
        #expect(BusinessCalendarError.endNotAfterStart(day: .mon, start: "17:00", end: "09:00").description.contains("mon period 17:00–09:00"))
        #expect(BusinessCalendarError.unknownDay("monday").description.contains("mon, tue"))
        #expect(BusinessCalendarError.badInstant("x").description.contains("YYYY-MM-DDTHH:MM:SSZ"))
        #expect(BusinessCalendarError.minutesBelowOne(0).description == "minutes must be at least 1, got 0")
        #expect(BusinessCalendarError.neverOpen.description.contains("never open"))
        #expect(BusinessCalendarError.badTime(String(repeating: "9", count: 500)).description.count < 200)
    }
}

extension CalendarDay {
    var midnightUTC: Date { Date(timeIntervalSince1970: TimeInterval(daysSince1970 * 86_400)) }
}
