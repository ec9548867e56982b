import Foundation
import ParleyCore
import Testing

/// `due` and `elapsed` checked against each other, and `elapsed` against a minute-by-minute count
/// that looks at each instant's local wall time, on random starts from a fixed seed.
@Suite struct BusinessCalendarPropertyTests {
    /// Split shifts, overnight stretches, holidays and 24/7, in zones whose clocks change inside
    /// open hours; no period boundary falls in a gap or a repeated hour, so wall-time counting
    /// (the oracle) and the contract's rules must agree exactly.
    static let calendars = [
        #"{"timezone":"America/New_York","hours":{"mon":[["09:00","12:00"],["13:00","17:30"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]],"sun":[["00:00","06:00"]]},"holidays":["2026-12-25","2027-01-01","2026-11-26"]}"#,
        #"{"timezone":"Australia/Sydney","hours":{"fri":[["20:00","24:00"]],"sat":[["00:00","04:00"]],"sun":[["00:00","05:00"],["22:00","24:00"]],"mon":[["00:00","08:30"]]},"holidays":["2026-12-25","2026-04-06"]}"#,
        #"{"timezone":"Australia/Lord_Howe","hours":{"sun":[["00:00","01:00"],["03:00","24:00"]],"wed":[["10:15","10:45"]]}}"#,
        #"{"timezone":"America/Santiago","hours":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"sat":[["22:00","24:00"]],"sun":[["00:00","02:00"]]}}"#,
        #"{"timezone":"Asia/Kathmandu","holidays":["2026-10-21","2026-10-22","2027-04-14"]}"#,
        #"{"timezone":"Australia/Adelaide","hours":{"sat":[["18:00","24:00"]],"sun":[["00:00","24:00"]],"mon":[["00:00","06:00"]]}}"#,
    ]

    /// 2026-01-01T00:00Z to 2028-01-01T00:00Z: two years of transitions in each zone.
    static let window = 1_767_225_600..<1_830_297_600

    @Test(arguments: 0..<calendars.count)
    func dueAndElapsedAgree(index: Int) throws {
        let calendar = try businessCalendar(Self.calendars[index])
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(index))
        for _ in 0..<150 {
            let start = Date(timeIntervalSince1970: TimeInterval(Int.random(in: Self.window, using: &random)))
            let minutes = Bool.random(using: &random) ? Int.random(in: 1...600, using: &random) : Int.random(in: 1...30_000, using: &random)
            let due = try calendar.due(start: start, minutes: minutes)
            #expect(calendar.elapsed(from: start, to: due) == TimeInterval(minutes * 60), "\(start) \(minutes)")
            // Earliest: one second sooner, one second of business time is still owed.
            #expect(calendar.elapsed(from: start, to: due.addingTimeInterval(-1)) == TimeInterval(minutes * 60 - 1), "\(start) \(minutes)")
            // The clock can be stopped and restarted at any point on the way.
            let split = Int.random(in: 0..<minutes, using: &random)
            if split > 0 {
                let halfway = try calendar.due(start: start, minutes: split)
                #expect(try calendar.due(start: halfway, minutes: minutes - split) == due, "\(start) \(minutes) \(split)")
            }
        }
    }

    @Test(arguments: 0..<calendars.count)
    func elapsedAgreesWithWallClockCounting(index: Int) throws {
        let calendar = try businessCalendar(Self.calendars[index])
        var random = SplitMix64(seed: 0x0CA1_0000 + UInt64(index))
        // Windows of up to three days, most of them around the zone's clock changes.
        var transitions: [Int] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.window.lowerBound))
        while let next = calendar.timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < TimeInterval(Self.window.upperBound) {
            transitions.append(Int(next.timeIntervalSince1970))
            cursor = next
        }
        for _ in 0..<30 {
            let centre = transitions.isEmpty || Bool.random(using: &random) && Bool.random(using: &random)
                ? Int.random(in: Self.window, using: &random) : transitions.randomElement(using: &random)!
            let from = (centre + Int.random(in: -2 * 86_400...86_400, using: &random)) / 60 * 60
            let to = from + Int.random(in: 0...3 * 1440, using: &random) * 60
            let expected = Self.openMinutes(calendar, from: from, to: to) * 60
            #expect(calendar.elapsed(from: Date(timeIntervalSince1970: TimeInterval(from)), to: Date(timeIntervalSince1970: TimeInterval(to))) == TimeInterval(expected), "\(from) \(to)")
        }
    }

    /// Minutes in [from, to) whose local wall time is inside a period of its local date.
    static func openMinutes(_ calendar: BusinessCalendar, from: Int, to: Int) -> Int {
        let weekdays: [BusinessWeekday] = [.thu, .fri, .sat, .sun, .mon, .tue, .wed]
        var count = 0
        for minute in stride(from: from, to: to, by: 60) {
            let local = minute + calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(minute)))
            let day = Int((Double(local) / 86_400).rounded(.down))
            let minuteOfDay = (local - day * 86_400) / 60
            guard !calendar.holidays.contains(CalendarDay(daysSince1970: day)) else { continue }
            let weekday = weekdays[((day % 7) + 7) % 7]
            let open = calendar.hours.map { hours in
                (hours[weekday] ?? []).contains { $0.start.minutesSinceMidnight <= minuteOfDay && minuteOfDay < $0.end.minutesSinceMidnight }
            } ?? true
            if open { count += 1 }
        }
        return count
    }
}
