import Foundation
import ParleyCore
import Testing

@Suite struct StaffingPlannerTests {
    func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test func weeklyHoursReadAndWriteAsPeopleDo() throws {
        let calendar = try WeeklyHours.parse("mon-fri 09:00-12:30, Mon-Fri 13:30-17:30; Sat 10:00-14:00 Europe/London")
        #expect(WeeklyHours.text(calendar) == "Mon-Fri 09:00-12:30, Mon-Fri 13:30-17:30, Sat 10:00-14:00 Europe/London")
        #expect(WeeklyHours.text(try WeeklyHours.parse(WeeklyHours.text(calendar))) == WeeklyHours.text(calendar))
        #expect(WeeklyHours.text(try WeeklyHours.parse("Fri-Mon 22:00-24:00")) == "Mon 22:00-24:00, Fri-Sun 22:00-24:00 UTC")
        // A Saturday in London in winter: open 10:00-14:00 local (UTC+0).
        #expect(calendar.elapsed(from: utc("2026-12-05T00:00:00Z"), to: utc("2026-12-06T00:00:00Z")) == 4 * 3_600)
        for bad in ["", "Mon", "Funday 09:00-17:00", "Mon-Fri 9-5", "Mon-Fri 17:00-09:00", "Mon-Fri 09:00-17:00 Mars/Base"] {
            #expect(throws: BusinessCalendarError.self, "\(bad)") { try WeeklyHours.parse(bad) }
        }
    }

    /// An hour counts the agents on shift for at least half of it; the plan marks the gap.
    @Test func thePlanComparesAgentsNeededWithAgentsOnShift() throws {
        let early = try WeeklyHours.parse("Mon-Fri 09:00-17:00")
        let late = try WeeklyHours.parse("Mon-Fri 09:30-18:00")
        let monday9 = Int64(utc("2026-11-30T09:00:00Z").timeIntervalSince1970)
        #expect(StaffingPlanner.onShift([early, late], hour: monday9) == 2)  // 09:30-10:00 is half of it
        #expect(StaffingPlanner.onShift([early, late], hour: monday9 + 8 * 3_600) == 1)
        #expect(StaffingPlanner.onShift([early, late], hour: monday9 - 3_600) == 0)
        // 100 cases an hour, 3 minutes each, 80% within 20 s: 14 agents (the published check at twice the rate over an hour).
        let hours = [HourForecast(hour: monday9, forecast: 200, lo80: 150, hi80: 260), HourForecast(hour: monday9 + 3_600, forecast: 0, lo80: 0, hi80: 1)]
        let targets = StaffingTargets(serviceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3, maxOccupancy: 1, ahtSeconds: 180)
        let plan = StaffingPlanner.plan(hours, targets: targets) { _ in 12 }
        #expect(plan[0].agents == 14 && plan[0].scheduled == 20 && plan[0].gap == -8)
        #expect(plan[0].scheduledHigh > plan[0].scheduled)
        #expect(plan[1].agents == 0 && plan[1].gap == 12)
        // Beyond 100,000 agents: the hour says why instead of a number.
        let flood = StaffingPlanner.plan([HourForecast(hour: monday9, forecast: 1e9, lo80: 1e9, hi80: 1e9)], targets: targets) { _ in 1 }
        #expect(flood[0].problem?.contains("100000 agents") == true && flood[0].scheduled == 0)
    }

    /// Handle time: the minutes from an agent's previous action on a case to their reply, within 20 minutes.
    @Test func handleTimeIsMeasuredFromTheAgentsOwnActions() {
        let ana = UUID(), ben = UUID()
        let t0 = utc("2026-11-30T09:00:00Z")
        var events: [(conversation: UUID, actor: UUID, replied: Bool, at: Date)] = []
        for i in 0..<25 {
            let c = UUID()
            events.append((c, ana, false, t0.addingTimeInterval(Double(i) * 3_600)))  // takes the case
            events.append((c, ben, true, t0.addingTimeInterval(Double(i) * 3_600 + 60)))  // another agent's reply: no start of his own
            events.append((c, ana, true, t0.addingTimeInterval(Double(i) * 3_600 + 300)))  // five minutes later, answers
            events.append((c, ana, true, t0.addingTimeInterval(Double(i) * 3_600 + 300 + 3_000)))  // an hour on: not one span
        }
        let measured = StaffingPlanner.measuredAHT(events)
        #expect(measured?.replies == 25 && measured?.seconds == 300)
        #expect(StaffingPlanner.measuredAHT(Array(events.prefix(40))) == nil)  // 10 replies: too few
    }

    @Test func arrivalsAreCountedPerWholeHour() {
        let from = Int64(utc("2026-11-30T08:20:00Z").timeIntervalSince1970)
        let to = Int64(utc("2026-11-30T11:10:00Z").timeIntervalSince1970)
        let events = [from, from + 1_000, from + 3_000, from + 5_000, to - 60]
        let series = HourlySeries.counting(events, from: from, to: to)
        #expect(series.start == Int64(utc("2026-11-30T09:00:00Z").timeIntervalSince1970))
        #expect(series.values == [2, 0])  // 09:00 and 10:00; 08:00 and 11:00 are not whole
        #expect(series.nextHour == Int64(utc("2026-11-30T11:00:00Z").timeIntervalSince1970))
    }

    @Test func availabilityWritesABioAndAnAwayMessage() throws {
        let hours = try WeeklyHours.parse("Mon-Fri 08:00-20:00 Europe/London")
        let closed = Availability.now(utc("2026-12-05T12:00:00Z"), calendar: hours, recentFirstResponses: [40 * 60, 44 * 60, 50 * 60], waiting: 0, agentsOnline: 2, targetMinutes: 60)
        #expect(closed.bio == "We answer Mon–Fri 08:00–20:00 London time, usually within 45 minutes.")
        #expect(closed.awayMessage == "Thanks for your message! We're away right now. We're back Monday 08:00 London time. We answer Mon–Fri 08:00–20:00 London time, usually within 45 minutes.")
        let always = Availability.now(utc("2026-12-05T12:00:00Z"), calendar: try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil), recentFirstResponses: [], waiting: 0, agentsOnline: 1, targetMinutes: 60)
        #expect(always.bio == "We answer around the clock, usually within 60 minutes." && always.awayMessage == nil)
    }
}
