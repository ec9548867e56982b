import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// ParleyStore's desk queries called directly (no HTTP, no actions), each on SQLite and on
/// PostgreSQL: what they write, what they read back, and the guards they keep.
@Suite(.serialized) struct DeskQueriesTests {
    static let databases = TestDatabases.postgresEnabled ? ["sqlite", "postgres"] : ["sqlite"]

    func withDatabase(_ name: String, _ body: (Application, TestClock) async throws -> Void) async throws {
        try await withTestApp(database: name == "postgres" ? try TestDatabases.freshPostgres() : nil, body)
    }

    @Test(arguments: databases) func assignmentWritesTheCaseAndItsTrailAndRequeuesWhenTheAgentGoesOffline(_ database: String) async throws {
        try await withDatabase(database) { app, clock in
            let agents = try await DeskFixtures.agents(app, [(2, .online), (1, .online)])
            let team = try await DeskFixtures.team(app, agents)
            let ids = try await DeskFixtures.waitingCases(app, team: team, count: 4)
            let assignment = AssignmentQueries(database: app.db)
            // The most urgent first: the third case is raised by hand.
            try await DeskFieldsQueries(database: app.db).setPriorityOverride(ids[2], 90)
            let done = try await assignment.assignWaiting(teamID: team, at: clock.now, newID: { UUID() })
            #expect(done.count == 3, "capacity 2 + 1")
            #expect(done.first?.conversationID == ids[2])
            #expect(Set(done.map(\.conversationID)).count == 3)
            let again = try await assignment.assignWaiting(teamID: team, at: clock.now, newID: { UUID() })
            #expect(again.isEmpty, "everyone is full")
            let counts = try await assignment.openCounts()
            #expect(counts[agents[0].id] == 2 && counts[agents[1].id] == 1)

            let held = try #require(done.first { $0.agentID == agents[1].id }).conversationID
            clock.advance(by: 60)
            try await AgentQueries(database: app.db).setStatus(agents[1].id, .offline, at: clock.now)
            let requeued = try await assignment.requeue(idleCutoff: clock.now.addingTimeInterval(-3600), at: clock.now, newID: { UUID() })
            #expect(requeued == [held])
            let fields = try await DeskFieldsQueries(database: app.db).fields([held])[held]
            #expect(fields?.assigneeID == nil)
            let trail = try await AuditQueries(database: app.db).trail(held).map(\.action)
            #expect(trail == [.assigned, .requeued])

            clock.advance(by: 60)
            try await assignment.assign(held, to: agents[0].id, by: agents[0].id, action: .took, at: clock.now, newID: UUID())
            clock.advance(by: 60)
            try await assignment.route(held, toTeam: nil, by: agents[0].id, at: clock.now, newID: UUID())
            let after = try await DeskFieldsQueries(database: app.db).fields([held])[held]
            #expect(after?.assigneeID == agents[0].id)
            #expect(after?.assigneeName == "Agent 0")
            #expect(after?.teamID == nil)
            #expect(try await AuditQueries(database: app.db).trail(held).map(\.action) == [.assigned, .requeued, .took, .team])
        }
    }

    @Test(arguments: databases) func anOverrideAndABreachSetTheEffectivePriority(_ database: String) async throws {
        try await withDatabase(database) { app, clock in
            let id = try await LifecycleTests().seed(app)
            let triage = try #require(try await ConversationQueries(database: app.db).find(id)).priority
            try await DeskFieldsQueries(database: app.db).setPriorityOverride(id, 40)
            #expect(try await ConversationQueries(database: app.db).find(id)?.priority == 40)
            try await SLAQueries(database: app.db).record(id, SLAStanding(status: .breached, target: "first_response"), wasBreached: false, at: clock.now)
            #expect(try await ConversationQueries(database: app.db).find(id)?.priority == 60)
            #expect(try await DeskFieldsQueries(database: app.db).fields([id])[id]?.slaStatus == "breached")
            try await DeskFieldsQueries(database: app.db).setPriorityOverride(id, nil)
            #expect(try await ConversationQueries(database: app.db).find(id)?.priority == min(100, triage + PriorityAdjustment.breachRaise))
        }
    }

    @Test(arguments: databases) func tagsNotesAndTheAuditTrailReadBackInOrder(_ database: String) async throws {
        try await withDatabase(database) { app, clock in
            let id = try await LifecycleTests().seed(app)
            let author = try await DeskFixtures.agents(app, [(5, .online)])[0]
            let tags = TagQueries(database: app.db)
            #expect(try await tags.add(["billing", "vip"], to: id) == ["billing", "vip"])
            #expect(try await tags.add(["vip", "refund"], to: id) == ["refund"], "only the new ones")
            try await tags.remove("billing", from: id)
            #expect(try await tags.tags(of: id) == ["refund", "vip"])
            #expect(try await tags.tags(of: [id])[id] == ["refund", "vip"])

            let notes = NoteQueries(database: app.db)
            try await notes.add(id: UUID(), conversationID: id, authorID: author.id, body: "called the courier", at: clock.now)
            try await notes.add(id: UUID(), conversationID: id, authorID: author.id, body: "refund approved", at: clock.now.addingTimeInterval(60))
            let read = try await notes.notes(id)
            #expect(read.map(\.body) == ["called the courier", "refund approved"])
            #expect(read.map(\.authorName) == ["Agent 0", "Agent 0"])

            let audit = AuditQueries(database: app.db)
            try await audit.record([
                AuditEvent(id: UUID(), conversationID: id, actorID: author.id, action: .tagged, detail: "refund", createdAt: clock.now),
                AuditEvent(id: UUID(), conversationID: id, actorID: nil, action: .slaBreached, detail: "first_response",
                           createdAt: clock.now.addingTimeInterval(1)),
            ])
            #expect(try await audit.trail(id).map(\.action) == [.tagged, .slaBreached])
            // A row no code wrote is reported, not read as something else.
            let sql = try app.db.requireSQL()
            try await sql.insert(into: "audit_events").columns("id", "conversation_id", "actor_id", "action", "detail", "created_at")
                .values(SQLValues(sql).uuid(UUID()), SQLValues(sql).uuid(id), SQLValues(sql).uuid(nil), SQLBind("exploded"), SQLBind(""),
                        SQLBind(clock.now.addingTimeInterval(2))).run()
            await #expect(throws: StoreError.self) { _ = try await audit.trail(id) }
        }
    }

    @Test(arguments: databases) func theReplyLockHasOneHolderUntilReleasedTakenOverOrExpired(_ database: String) async throws {
        try await withDatabase(database) { app, clock in
            let id = try await LifecycleTests().seed(app)
            let people = try await DeskFixtures.agents(app, [(5, .online), (5, .online)])
            let (ana, ben) = (people[0].id, people[1].id)
            let collision = CollisionQueries(database: app.db)
            let until = clock.now.addingTimeInterval(ReplyLock.lasts)
            #expect(try await collision.acquire(id, user: ana, until: until, at: clock.now)?.userID == ana)
            #expect(try await collision.acquire(id, user: ben, until: until, at: clock.now)?.userID == ana, "Ana holds it")
            #expect(try await collision.acquire(id, user: ben, until: until, at: clock.now, force: true)?.userID == ben)
            try await collision.release(id, user: ana)
            #expect(try await collision.lock(id, at: clock.now)?.userID == ben, "only the holder releases")
            let later = clock.now.addingTimeInterval(ReplyLock.lasts + 1)
            #expect(try await collision.lock(id, at: later) == nil, "expired")
            #expect(try await collision.acquire(id, user: ana, until: later.addingTimeInterval(60), at: later)?.userID == ana)

            try await collision.heartbeat(id, user: ben, typing: true, at: clock.now)
            let present = try await collision.present(id, since: clock.now.addingTimeInterval(-Presence.lasts))
            #expect(present == [Presence(userID: ben, name: "Agent 1", typing: true)])
            #expect(try await collision.present(id, since: clock.now.addingTimeInterval(1)).isEmpty)
        }
    }

    @Test(arguments: databases) func teamsAgentsPoliciesAndRulesRoundTrip(_ database: String) async throws {
        try await withDatabase(database) { app, clock in
            let people = try await DeskFixtures.agents(app, [(5, .online), (3, .away)])
            let teams = TeamQueries(database: app.db)
            let team = try await teams.create(id: UUID(), name: "Billing", at: clock.now)
            try await teams.addMember(people[0].id, to: team.id)
            try await teams.addMember(people[0].id, to: team.id)
            #expect(try await teams.find(team.id)?.memberIDs == [people[0].id], "a member once")
            #expect(try await teams.find(name: "Billing")?.id == team.id)
            try await teams.removeMember(people[0].id, from: team.id)
            #expect(try await teams.find(team.id)?.memberIDs == [])

            let agents = AgentQueries(database: app.db)
            try await agents.setCapacity(people[1].id, capacity: 7, skills: ["lang:es", "billing"])
            let profile = try #require(try await agents.profile(people[1].id))
            #expect(profile.capacity == 7 && Set(profile.skills) == ["lang:es", "billing"] && profile.status == .away)
            try await agents.touch(people[0].id, at: clock.now.addingTimeInterval(-3600))
            #expect(try await agents.markIdleAway(before: clock.now.addingTimeInterval(-600)) == [people[0].id])

            let sla = SLAQueries(database: app.db)
            let calendar = try BusinessCalendar(timeZoneIdentifier: "Europe/London", hours: nil)
            let global = StoredSLAPolicy(id: UUID(), handleID: nil, minPriority: 0,
                                         policy: SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, calendar: calendar))
            let urgent = StoredSLAPolicy(id: UUID(), handleID: nil, minPriority: 70,
                                         policy: SLAPolicy(firstResponseMinutes: 15, nextResponseMinutes: 15, calendar: calendar))
            try await sla.save(global, at: clock.now)
            try await sla.save(urgent, at: clock.now)
            let stored = try await sla.policies()
            #expect(Set(stored.map(\.id)) == [global.id, urgent.id])
            #expect(StoredSLAPolicy.choose(stored, handleID: UUID(), priority: 80)?.id == urgent.id)
            #expect(StoredSLAPolicy.choose(stored, handleID: UUID(), priority: 10)?.id == global.id)
            #expect(try await sla.delete(urgent.id))
            #expect(try await !sla.delete(urgent.id))

            let routing = RoutingQueries(database: app.db)
            let rule = RoutingRule(name: "Refunds", enabled: true, conditions: RoutingConditions(keywords: ["refund"]),
                                   actions: RoutingActions(team: team.id, tags: ["refund"]))
            let ruleID = UUID()
            try await routing.save(rule, id: ruleID, position: 1, at: clock.now)
            #expect(try await routing.rules().rules == [StoredRoutingRule(id: ruleID, position: 1, rule: rule)])
            #expect(try await routing.delete(ruleID))
            #expect(try await routing.rules().rules.isEmpty)
        }
    }

    @Test(arguments: databases) func aNewCaseWaitsForRoutingOnce(_ database: String) async throws {
        try await withDatabase(database) { app, clock in
            let id = try await LifecycleTests().seed(app)
            let routing = RoutingQueries(database: app.db)
            let waiting = try await routing.unrouted(limit: 10)
            #expect(waiting.map(\.id) == [id])
            #expect(waiting.first?.subject.text.contains("my parcel is late") == true)
            #expect(waiting.first?.subject.username == "casey" || waiting.first?.subject.username.isEmpty == false)
            try await routing.markRouted(id, team: nil, skills: ["lang:en"], at: clock.now)
            #expect(try await routing.unrouted(limit: 10).isEmpty)
        }
    }
}
