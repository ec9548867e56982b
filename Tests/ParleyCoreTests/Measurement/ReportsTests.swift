import Foundation
import ParleyCore
import Testing

@Suite struct ReportsTests {
    func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }
    let handle = UUID()

    /// A case from `(offset in minutes, fromBrand)` after `start`.
    func report(_ start: String, _ messages: [(Double, Bool)], resolvedAfter: Double? = nil, channel: Channel = .public,
                intent: TriageIntent? = nil, policy: SLAPolicy? = nil, assignee: UUID? = nil) -> ReportCase {
        let t0 = utc(start)
        return ReportCase(
            timeline: CaseTimeline(conversationID: UUID(), messages: messages.map { (t0.addingTimeInterval($0.0 * 60), $0.1) },
                                   resolvedAt: resolvedAfter.map { t0.addingTimeInterval($0 * 60) }),
            handleID: handle, assigneeID: assignee, channel: channel, intent: intent, policy: policy.map { ReportPolicy($0) })
    }

    func hourPolicy() throws -> SLAPolicy {
        SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, calendar: try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil))
    }

    /// Answered in 10 minutes, resolved, reopened five days later and answered in 20: the first
    /// response stays 10 minutes and the reopening is one next response of 20.
    @Test func aReopenedCaseKeepsItsFirstResponseAndAddsANextOne() {
        let reopened = report("2026-11-02T10:00:00Z", [(0, false), (10, true), (5 * 1_440, false), (5 * 1_440 + 20, true)], resolvedAfter: 60)
        let scope = ReportScope(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-30T00:00:00Z"))
        let row = ResponseTimesTable([reopened], scope: scope).total
        #expect(row.firstResponse.wall.medianSeconds == 600)
        #expect(row.nextResponse.answered == 1 && row.nextResponse.wall.medianSeconds == 1_200)
        #expect(row.resolution.wall.medianSeconds == 3_600)
        // A follow-up before any answer is not a next response; an unanswered later turn is counted as unanswered.
        let waiting = report("2026-11-02T10:00:00Z", [(0, false), (5, false), (30, true), (40, false)])
        #expect(waiting.timeline.nextResponseWaits.count == 1 && waiting.timeline.nextResponseWaits[0].end == nil)
        #expect(ResponseTimesTable([waiting], scope: scope).total.nextResponse.unanswered == 1)
    }

    /// Answered after its due time: breached, and its response time is still counted as it was.
    @Test func aCaseAnsweredAfterABreachIsBreached() throws {
        let policy = try hourPolicy()
        let now = utc("2026-11-03T00:00:00Z")
        let late = report("2026-11-02T10:00:00Z", [(0, false), (90, true)], policy: policy)
        let onTime = report("2026-11-02T11:00:00Z", [(0, false), (20, true)], policy: policy)
        let slowNext = report("2026-11-02T12:00:00Z", [(0, false), (20, true), (30, false), (75, true)], policy: policy)
        let running = report("2026-11-02T23:30:00Z", [(0, false)], policy: policy)
        let forgotten = report("2026-11-02T12:00:00Z", [(0, false)], policy: policy)
        let free = report("2026-11-02T12:00:00Z", [(0, false), (500, true)])
        #expect(SLAOutcome.of(late, now: now).outcome == .breached)
        #expect(SLAOutcome.of(late, now: now).breachedTargets == ["first_response"])
        #expect(SLAOutcome.of(onTime, now: now).outcome == .met)
        #expect(SLAOutcome.of(slowNext, now: now).breachedTargets == ["next_response"])
        #expect(SLAOutcome.of(running, now: now).outcome == .running)
        #expect(SLAOutcome.of(forgotten, now: now).outcome == .breached)
        #expect(SLAOutcome.of(free, now: now).outcome == .unmeasured)
        let scope = ReportScope(from: utc("2026-11-02T00:00:00Z"), to: now)
        let sla = SLATable([late, onTime, slowNext, running, forgotten, free], scope: scope, now: now).total
        #expect(sla.met == 1 && sla.breached == 3 && sla.running == 1 && sla.unmeasured == 1)
        #expect(sla.attainment == 0.25)
        #expect(ResponseTimesTable([late], scope: scope).total.firstResponse.wall.medianSeconds == 5_400)
    }

    /// A public complaint answered by DM: one case, its first response the DM, its channel the
    /// customer's first message's.
    @Test func aDMAnswerToAPublicPostIsTheFirstResponse() {
        let scope = ReportScope(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-30T00:00:00Z"), grouping: .channel)
        let mixed = report("2026-11-02T10:00:00Z", [(0, false), (3, false), (15, true)], channel: .public)
        let dm = report("2026-11-02T10:00:00Z", [(0, false), (5, true)], channel: .dm)
        let table = ResponseTimesTable([mixed, dm], scope: scope)
        #expect(table.groups.map(\.key) == ["dm", "public"])
        #expect(table.groups.map(\.firstResponse.wall.medianSeconds) == [300, 900])
    }

    /// Business hours in Berlin (Mon–Fri 9–17) across the end of summer time: a post Friday
    /// 16:30 CEST answered Monday 09:30 CET waited 66 hours, one of them business time.
    @Test func businessHoursAcrossTheClockChange() throws {
        let week = Dictionary(uniqueKeysWithValues: try [BusinessWeekday.mon, .tue, .wed, .thu, .fri].map {
            ($0, [try BusinessHoursPeriod(start: WallClockTime(parsing: "09:00"), end: WallClockTime(parsing: "17:00"), on: $0)])
        })
        let berlin = SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 60, calendar: try BusinessCalendar(timeZoneIdentifier: "Europe/Berlin", hours: week))
        // 2026-10-23 is a Friday; clocks go back on Sunday the 25th.
        let weekend = report("2026-10-23T14:30:00Z", [(0, false), (66 * 60, true)], policy: berlin)
        let scope = ReportScope(from: utc("2026-10-01T00:00:00Z"), to: utc("2026-11-01T00:00:00Z"))
        let row = ResponseTimesTable([weekend], scope: scope).total
        #expect(abs((row.firstResponse.wall.medianSeconds ?? 0) - 66 * 3_600) < 0.001)
        #expect(abs((row.firstResponse.business.medianSeconds ?? 0) - 3_600) < 0.001)
        // Due at 9:30 Monday local: answered on the dot, met.
        #expect(SLAOutcome.of(weekend, now: utc("2026-11-01T00:00:00Z")).outcome == .met)
    }

    /// 23:30 UTC on 1 December is 2 December in Berlin: the day a case falls in, and a period's
    /// days, are the report's zone's.
    @Test func aDayIsTheReportZonesDay() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let from = try #require(InstantOrDay.parse("2026-12-01", endOfDay: false, in: berlin))
        let to = try #require(InstantOrDay.parse("2026-12-02", endOfDay: true, in: berlin))
        #expect(from == utc("2026-11-30T23:00:00Z") && to == utc("2026-12-02T23:00:00Z"))
        let late = report("2026-12-01T23:30:00Z", [(0, false), (10, true)])
        let early = report("2026-12-01T08:00:00Z", [(0, false)])
        let local = VolumeTable(cases: [late, early], messages: [], spans: [], scope: ReportScope(from: from, to: to, grouping: .day, timeZone: berlin))
        #expect(local.groups.map(\.key) == ["2026-12-01", "2026-12-02"])
        #expect(local.groups.map(\.conversations) == [1, 1])
        let universal = VolumeTable(cases: [late, early], messages: [], spans: [],
                                    scope: ReportScope(from: utc("2026-12-01T00:00:00Z"), to: utc("2026-12-03T00:00:00Z"), grouping: .day))
        #expect(universal.groups.map(\.conversations) == [2, 0])
    }

    /// The total row and the group rows come from the same cases: the groups add up to it.
    @Test func theCardEqualsTheTable() throws {
        let policy = try hourPolicy()
        let ana = UUID(), ben = UUID()
        var cases: [ReportCase] = []
        for i in 0..<40 {
            var messages: [(Double, Bool)] = [(0, false), (Double(5 + i * 7), true)]
            if i % 3 == 0 { messages.append((200, false)) }
            let owner: UUID? = i % 3 == 0 ? nil : i % 3 == 1 ? ana : ben
            let intent: TriageIntent = i % 2 == 0 ? .complaint : .question
            cases.append(report("2026-11-0\(1 + i % 7)T\(10 + i % 9):00:00Z", messages, resolvedAfter: i % 4 == 0 ? nil : 300,
                                intent: intent, policy: i % 5 == 0 ? nil : policy, assignee: owner))
        }
        let now = utc("2026-11-20T00:00:00Z")
        for grouping in ReportGrouping.allCases where grouping != .none {
            let scope = ReportScope(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-08T00:00:00Z"), grouping: grouping)
            let times = ResponseTimesTable(cases, scope: scope)
            #expect(times.groups.map(\.conversations).reduce(0, +) == times.total.conversations, "\(grouping)")
            #expect(times.groups.map(\.firstResponse.answered).reduce(0, +) == times.total.firstResponse.answered)
            #expect(times.groups.map(\.nextResponse.unanswered).reduce(0, +) == times.total.nextResponse.unanswered)
            let sla = SLATable(cases, scope: scope, now: now)
            #expect(sla.groups.map(\.met).reduce(0, +) == sla.total.met && sla.groups.map(\.breached).reduce(0, +) == sla.total.breached)
            let agents = AgentsTable(cases, replies: [ana: 3], scope: scope, now: now)
            #expect(agents.groups.map(\.conversations).reduce(0, +) == agents.total.conversations)
            #expect(agents.total.repliesSent == 3)
        }
    }

    /// Open at the end of each day: opened by then and not resolved by then; an empty day is a row of 0.
    @Test func theBacklogCountsOpenCasesAtEachBucketsEnd() {
        let scope = ReportScope(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-04T00:00:00Z"), grouping: .day)
        let spans: [(opened: Date, resolved: Date?)] = [
            (utc("2026-10-20T10:00:00Z"), nil),  // opened before the period, still open
            (utc("2026-11-01T10:00:00Z"), utc("2026-11-02T10:00:00Z")),
            (utc("2026-11-02T10:00:00Z"), utc("2026-11-02T11:00:00Z")),
            (utc("2026-11-03T10:00:00Z"), nil),
        ]
        let table = VolumeTable(cases: [], messages: [], spans: spans, scope: scope)
        #expect(table.groups.map(\.backlog) == [2, 1, 2])
        #expect(table.total.backlog == 2)
        let messages = [VolumeMessage(at: utc("2026-11-02T12:00:00Z"), fromBrand: false, handleID: handle),
                        VolumeMessage(at: utc("2026-11-02T12:05:00Z"), fromBrand: true, handleID: handle),
                        VolumeMessage(at: utc("2026-11-09T12:00:00Z"), fromBrand: false, handleID: handle)]
        let counted = VolumeTable(cases: [], messages: messages, spans: [], scope: scope)
        #expect(counted.groups.map(\.customerMessages) == [0, 1, 0] && counted.total.brandMessages == 1 && counted.total.customerMessages == 1)
    }

    @Test func csvQuotesAndDefusesFormulas() {
        let scope = ReportScope(from: utc("2026-11-01T00:00:00Z"), to: utc("2026-11-08T00:00:00Z"), grouping: .agent,
                                names: ReportNames(agents: [UUID(uuidString: "00000000-0000-0000-0000-000000000001")!: "=HYPERLINK(\"x\"), Eve"]))
        let eve = report("2026-11-02T10:00:00Z", [(0, false), (10, true)], assignee: UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
        let csv = ReportCSV.render(ResponseTimesTable([eve], scope: scope))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("key,label,conversations,first_response_answered,first_response_unanswered,first_response_median_seconds"))
        #expect(lines[1].hasPrefix("total,All cases,1,1,0,600.0,600.0,600.0,600.0,"))
        #expect(lines[2].hasPrefix("00000000-0000-0000-0000-000000000001,\"'=HYPERLINK(\"\"x\"\"), Eve\",1,"))
        #expect(lines.count == 4 && lines[3].isEmpty)
    }
}
