import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// Auto-assignment: capacity, status, even load, requeueing; and the pure policy.
@Suite(.serialized) struct AssignmentTests {
    @Test func aThousandArrivingCasesFillATeamEvenlyWithinCapacityAndNeverTheOfflineAgent() async throws {
        try await withTestApp { app, _ in
            let agents = try await DeskFixtures.agents(app, [
                (400, .online), (350, .offline), (300, .online), (300, .online), (150, .online),
            ])
            let team = try await DeskFixtures.team(app, agents)
            // They arrive in ten waves, with a pass after each, as the desk worker runs.
            for wave in 0..<10 {
                try await DeskFixtures.waitingCases(app, team: team, count: 100, start: wave * 100)
                try await ParleyApp.deskWorker(for: app).runOnce()
            }
            let counts = try await AssignmentQueries(database: app.db).openCounts()
            #expect(counts.values.reduce(0, +) == 1000)
            for agent in agents {
                #expect((counts[agent.id] ?? 0) <= agent.capacity, "agent over capacity")
            }
            #expect(counts[agents[1].id] == nil, "the offline agent got cases")
            #expect(counts[agents[4].id] == 150, "the smallest capacity fills")
            let others = [0, 2, 3].map { counts[agents[$0].id] ?? 0 }
            #expect(others.max()! - others.min()! <= 1, "load is even within one: \(others)")
            // Each case was assigned once, and says so in its audit trail.
            let audits = try await app.db.requireSQL().raw("SELECT conversation_id, COUNT(*) AS n FROM audit_events WHERE action = 'assigned' GROUP BY conversation_id")
                .all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(audits.count == 1000 && audits.allSatisfy { $0 == 1 })
        }
    }

    @Test func nobodyWithRoomMeansTheCaseWaits() async throws {
        try await withTestApp { app, _ in
            let agents = try await DeskFixtures.agents(app, [(2, .online), (5, .away)])
            let team = try await DeskFixtures.team(app, agents)
            try await DeskFixtures.waitingCases(app, team: team, count: 5)
            let report = try await ParleyApp.deskWorker(for: app).runOnce()
            #expect(report.assigned == 2)
            #expect(try await AssignmentQueries(database: app.db).openCounts() == [agents[0].id: 2])
        }
    }

    @Test func casesOfAnAgentWhoGoesOfflineGoBackToTheQueueAndToSomeoneElse() async throws {
        try await withTestApp { app, _ in
            let agents = try await DeskFixtures.agents(app, [(10, .online), (10, .offline)])
            let team = try await DeskFixtures.team(app, agents)
            try await DeskFixtures.waitingCases(app, team: team, count: 4)
            try await ParleyApp.deskWorker(for: app).runOnce()
            #expect(try await AssignmentQueries(database: app.db).openCounts() == [agents[0].id: 4])
            try await AgentQueries(database: app.db).setStatus(agents[0].id, .offline, at: Date())
            try await AgentQueries(database: app.db).setStatus(agents[1].id, .online, at: Date())
            let report = try await ParleyApp.deskWorker(for: app).runOnce()
            #expect(report.requeued == 4)
            #expect(try await AssignmentQueries(database: app.db).openCounts() == [agents[1].id: 4])
        }
    }

    @Test func idleOnlineAgentsBecomeAway() async throws {
        try await withTestApp(configure: { $0.desk.awayAfter = 60 }) { app, clock in
            let agents = try await DeskFixtures.agents(app, [(10, .online)])
            try await AgentQueries(database: app.db).touch(agents[0].id, at: clock.now)
            clock.advance(by: 61)
            #expect(try await ParleyApp.deskWorker(for: app).runOnce().away == 1)
            #expect(try await AgentQueries(database: app.db).profile(agents[0].id)?.status == .away)
        }
    }

    @Test func thePolicyPrefersTheLeastLoadedThenTheLongestWaitingAndNeedsEverySkill() {
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        let a = AgentLoad(id: UUID(), status: .online, capacity: 5, open: 2, skills: ["lang:es"], lastAssignedAt: t)
        let b = AgentLoad(id: UUID(), status: .online, capacity: 5, open: 2, skills: [], lastAssignedAt: t.addingTimeInterval(-60))
        let c = AgentLoad(id: UUID(), status: .online, capacity: 2, open: 2, skills: ["lang:es"], lastAssignedAt: nil)
        let d = AgentLoad(id: UUID(), status: .away, capacity: 9, open: 0, skills: ["lang:es"], lastAssignedAt: nil)
        #expect(AssignmentPolicy.choose(needing: [], among: [a, b, c, d]) == b.id)
        #expect(AssignmentPolicy.choose(needing: ["lang:es"], among: [a, b, c, d]) == a.id)
        #expect(AssignmentPolicy.choose(needing: ["billing"], among: [a, b, c, d]) == nil)
        // b has waited longer, then a is less loaded; the third case goes to one of them.
        let spread = AssignmentPolicy.distribute([[], [], []], among: [a, b], at: t.addingTimeInterval(1))
        #expect(Array(spread.prefix(2)) == [b.id, a.id])
        #expect(spread[2] == a.id || spread[2] == b.id)
    }
}
