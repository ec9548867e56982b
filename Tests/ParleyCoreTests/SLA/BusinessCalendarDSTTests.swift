import Foundation
import ParleyCore
import Testing

/// DST gaps (a wall time there moves forward by the gap) and overlaps (an ambiguous wall time is its
/// first occurrence), in both hemispheres and in zones with :30 and :45 offsets. Each expectation
/// is worked out by hand from the zone's 2026 transitions.
@Suite struct BusinessCalendarDSTTests {
    private func sunday(_ zone: String, _ periods: String) throws -> BusinessCalendar {
        try businessCalendar(#"{"timezone":"\#(zone)","hours":{"sun":\#(periods)}}"#)
    }

    // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT → 01:00 EST (06:00Z).

    @Test func newYorkGap() throws {
        // 01:00 EST to 04:00 EDT: two real hours.
        #expect(try sunday("America/New_York", #"[["01:00","04:00"]]"#).elapsed(from: utc("2026-03-08T00:00:00Z"), to: utc("2026-03-09T00:00:00Z")) == 7200)
        // 02:30 does not exist; it opens at 03:30 EDT.
        let lateOpening = try sunday("America/New_York", #"[["02:30","05:00"]]"#)
        #expect(lateOpening.elapsed(from: utc("2026-03-08T00:00:00Z"), to: utc("2026-03-09T00:00:00Z")) == 5400)
        #expect(try lateOpening.due(start: utc("2026-03-08T05:00:00Z"), minutes: 1) == utc("2026-03-08T07:31:00Z"))
        // Both ends in the gap move together.
        #expect(try sunday("America/New_York", #"[["02:15","02:45"]]"#).elapsed(from: utc("2026-03-08T00:00:00Z"), to: utc("2026-03-09T00:00:00Z")) == 1800)
    }

    @Test func aPeriodTheGapSwallowsIsClosedThatDay() throws {
        // 02:30 moves to 03:30 EDT, after the 03:00 end: nothing is open on the day of the gap.
        let calendar = try sunday("America/New_York", #"[["02:30","03:00"]]"#)
        #expect(calendar.elapsed(from: utc("2026-03-08T00:00:00Z"), to: utc("2026-03-09T00:00:00Z")) == 0)
        #expect(calendar.elapsed(from: utc("2026-03-15T00:00:00Z"), to: utc("2026-03-16T00:00:00Z")) == 1800)
        #expect(try calendar.due(start: utc("2026-03-08T00:00:00Z"), minutes: 1) == utc("2026-03-15T06:31:00Z"))
        // Joined with 03:00–04:00, it is one stretch 02:30–04:00 whose start moves to 03:30.
        let joined = try sunday("America/New_York", #"[["02:30","03:00"],["03:00","04:00"]]"#)
        #expect(joined.elapsed(from: utc("2026-03-08T00:00:00Z"), to: utc("2026-03-09T00:00:00Z")) == 1800)
    }

    @Test func newYorkOverlap() throws {
        // 01:00–01:30 is its first occurrence (EDT); the repeat in EST is closed.
        let calendar = try sunday("America/New_York", #"[["01:00","01:30"]]"#)
        #expect(calendar.elapsed(from: utc("2026-11-01T05:00:00Z"), to: utc("2026-11-01T05:30:00Z")) == 1800)
        #expect(calendar.elapsed(from: utc("2026-11-01T05:30:00Z"), to: utc("2026-11-01T07:00:00Z")) == 0)
        // 00:00 EDT to 03:00 EST holds the repeated hour: four real hours.
        #expect(try sunday("America/New_York", #"[["00:00","03:00"]]"#).elapsed(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-02T00:00:00Z")) == 14_400)
        // 01:30 EDT (first) to 02:00 EST: ninety minutes.
        #expect(try sunday("America/New_York", #"[["01:30","02:00"]]"#).elapsed(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-02T00:00:00Z")) == 5400)
    }

    // Australia/Sydney (southern): 2026-04-05 03:00 AEDT → 02:00 AEST (2026-04-04T16:00Z);
    // 2026-10-04 02:00 AEST → 03:00 AEDT (2026-10-03T16:00Z).

    @Test func sydneyOverlap() throws {
        #expect(try sunday("Australia/Sydney", #"[["01:00","04:00"]]"#).elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-05T00:00:00Z")) == 14_400)
        #expect(try sunday("Australia/Sydney", #"[["02:30","03:30"]]"#).elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-05T00:00:00Z")) == 7200)
        // 02:00–02:30 opens on its first occurrence only; a clock started in the repeat waits a week.
        let calendar = try sunday("Australia/Sydney", #"[["02:00","02:30"]]"#)
        #expect(calendar.elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-05T00:00:00Z")) == 1800)
        #expect(try calendar.due(start: utc("2026-04-04T15:00:00Z"), minutes: 30) == utc("2026-04-04T15:30:00Z"))
        #expect(try calendar.due(start: utc("2026-04-04T16:00:00Z"), minutes: 1) == utc("2026-04-11T16:01:00Z"))
    }

    @Test func sydneyGap() throws {
        let calendar = try sunday("Australia/Sydney", #"[["02:30","04:00"]]"#)
        // Opens at 03:30 AEDT (16:30Z), closes at 04:00 AEDT (17:00Z).
        #expect(try calendar.due(start: utc("2026-10-03T15:00:00Z"), minutes: 30) == utc("2026-10-03T17:00:00Z"))
        #expect(try calendar.due(start: utc("2026-10-03T15:00:00Z"), minutes: 31) == utc("2026-10-10T15:31:00Z"))
    }

    // Australia/Adelaide (UTC+9:30 / +10:30): the same nights as Sydney, half an hour later in UTC.

    @Test func adelaideAcrossBothTransitions() throws {
        let weekdays = try businessCalendar("""
            {"timezone":"Australia/Adelaide","hours":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],
            "wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}}
            """)
        // Friday 2026-10-02 16:44 ACST → Monday 09:14 ACDT.
        #expect(try weekdays.due(start: utc("2026-10-02T07:14:00Z"), minutes: 30) == utc("2026-10-04T22:44:00Z"))
        let night = try sunday("Australia/Adelaide", #"[["01:00","05:00"]]"#)
        #expect(night.elapsed(from: utc("2026-10-03T00:00:00Z"), to: utc("2026-10-04T00:00:00Z")) == 3 * 3600)
        #expect(night.elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-05T00:00:00Z")) == 5 * 3600)
        #expect(try night.due(start: utc("2026-10-03T12:00:00Z"), minutes: 60) == utc("2026-10-03T16:30:00Z"))
    }

    // Australia/Lord_Howe (UTC+10:30 / +11, a 30-minute shift): 2026-04-05 02:00 → 01:30 (2026-04-04T15:00Z);
    // 2026-10-04 02:00 → 02:30 (2026-10-03T15:30Z).

    @Test func lordHoweHalfHourShift() throws {
        #expect(try sunday("Australia/Lord_Howe", #"[["02:00","03:00"]]"#).elapsed(from: utc("2026-10-03T00:00:00Z"), to: utc("2026-10-04T00:00:00Z")) == 1800)
        #expect(try sunday("Australia/Lord_Howe", #"[["02:15","02:45"]]"#).elapsed(from: utc("2026-10-03T00:00:00Z"), to: utc("2026-10-04T00:00:00Z")) == 0)
        #expect(try sunday("Australia/Lord_Howe", #"[["01:00","02:00"]]"#).elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-05T00:00:00Z")) == 5400)
        let calendar = try sunday("Australia/Lord_Howe", #"[["01:45","03:00"]]"#)
        #expect(calendar.elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-05T00:00:00Z")) == 6300)
        #expect(try calendar.due(start: utc("2026-04-04T00:00:00Z"), minutes: 1) == utc("2026-04-04T14:46:00Z"))
    }

    // Asia/Kathmandu moved from UTC+5:30 to +5:45 at 1986-01-01 00:00 (1985-12-31T18:30Z): a
    // fifteen-minute gap at midnight.

    @Test func kathmanduQuarterHourGap() throws {
        let calendar = try businessCalendar(#"{"timezone":"Asia/Kathmandu","hours":{"wed":[["00:00","01:00"]]}}"#)
        #expect(calendar.elapsed(from: utc("1985-12-31T00:00:00Z"), to: utc("1986-01-01T00:00:00Z")) == 2700)
        #expect(try calendar.due(start: utc("1985-12-31T12:00:00Z"), minutes: 45) == utc("1985-12-31T19:15:00Z"))
        // 2026-11-25 is a Wednesday at +5:45.
        #expect(try calendar.due(start: utc("2026-11-24T00:00:00Z"), minutes: 60) == utc("2026-11-24T19:15:00Z"))
    }

    // America/Santiago changes at midnight: 2026-04-05 00:00 → 04-04 23:00 (03:00Z);
    // 2026-09-06 00:00 → 01:00 (04:00Z).

    @Test func santiagoMidnightTransitionsInsideAnOvernightStretch() throws {
        let calendar = try businessCalendar(#"{"timezone":"America/Santiago","hours":{"sat":[["22:00","24:00"]],"sun":[["00:00","02:00"]]}}"#)
        // Spring: Saturday 22:00 (-04, 02:00Z) to Sunday 02:00 (-03, 05:00Z), midnight skipped.
        #expect(calendar.elapsed(from: utc("2026-09-05T00:00:00Z"), to: utc("2026-09-07T00:00:00Z")) == 3 * 3600)
        #expect(try calendar.due(start: utc("2026-09-06T02:00:00Z"), minutes: 120) == utc("2026-09-06T04:00:00Z"))
        #expect(try calendar.due(start: utc("2026-09-06T02:00:00Z"), minutes: 150) == utc("2026-09-06T04:30:00Z"))
        // Autumn: Saturday 23:00–24:00 happens twice; the stretch holds both, five real hours.
        #expect(calendar.elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-06T00:00:00Z")) == 5 * 3600)
        // An end in the repeated hour is its first occurrence.
        let early = try businessCalendar(#"{"timezone":"America/Santiago","hours":{"sat":[["22:00","23:30"]]}}"#)
        #expect(early.elapsed(from: utc("2026-04-04T00:00:00Z"), to: utc("2026-04-06T00:00:00Z")) == 5400)
    }

    @Test func londonOvernightAcrossFallBack() throws {
        let calendar = try businessCalendar(#"{"timezone":"Europe/London","hours":{"sat":[["22:00","24:00"]],"sun":[["00:00","06:00"]]}}"#)
        // Saturday 22:00 BST (21:00Z) to Sunday 06:00 GMT (06:00Z).
        #expect(calendar.elapsed(from: utc("2026-10-24T00:00:00Z"), to: utc("2026-10-26T00:00:00Z")) == 9 * 3600)
        #expect(try calendar.due(start: utc("2026-10-24T12:00:00Z"), minutes: 540) == utc("2026-10-25T06:00:00Z"))
    }
}
