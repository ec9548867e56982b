import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// A manual override and an SLA breach's raise move a case everywhere the desk ranks or shows
/// priority: the "most urgent" queue, auto-assignment, the API and the pages.
@Suite(.serialized) struct EffectivePriorityTests {
    static func post(_ id: String, author: String, _ text: String, at time: String) -> Data {
        Data(#"{"data":{"id":"\#(id)","text":"@AcmeCare \#(text)","author_id":"\#(author)","created_at":"\#(time)","conversation_id":"\#(id)","edit_history_tweet_ids":["\#(id)"],"entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare","id":"100"}]}},"includes":{"users":[{"id":"\#(author)","name":"Customer \#(author)","username":"customer\#(author)"}]}}"#.utf8)
    }

    /// Two cases: `urgent` triage ranks above `calm`.
    func seed(_ app: Application, clock: TestClock) async throws -> (urgent: UUID, calm: UUID) {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
        let at = ISO8601DateFormatter().string(from: clock.now)
        _ = try await replayMax(app, [
            Self.post("7001", author: "901", "you charged me twice for my order and nobody answers, this is a disgrace", at: at),
            Self.post("7002", author: "902", "thanks, the new app looks great", at: at),
        ])
        let cases = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, order: .priority, limit: 10, after: nil).items
        try #require(cases.count == 2)
        try #require(cases[0].conversation.triage.priority > cases[1].conversation.triage.priority, "triage ranks the complaint first")
        return (cases[0].conversation.id, cases[1].conversation.id)
    }

    func mostUrgent(_ app: Application) async throws -> [UUID] {
        try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, order: .priority, limit: 10, after: nil)
            .items.map(\.conversation.id)
    }

    func setPriority(_ app: Application, _ id: UUID, _ priority: Int, _ headers: HTTPHeaders) async throws {
        try await app.testing().test(.PUT, "api/v1/conversations/\(id)/priority", headers: headers, beforeRequest: { req in
            try req.content.encode(["priority": priority])
        }, afterResponse: { res in #expect(res.status == .ok || res.status == .noContent, "\(res.body.string)") })
    }

    @Test func anOverrideReordersTheMostUrgentQueueAndThePageOfIt() async throws {
        try await withTestApp { app, clock in
            let (urgent, calm) = try await seed(app, clock: clock)
            #expect(try await mostUrgent(app) == [urgent, calm])
            let supervisor = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            try await setPriority(app, calm, 100, supervisor)
            #expect(try await mostUrgent(app) == [calm, urgent])
            // The next page's cursor follows the same order.
            let first = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, order: .priority, limit: 1, after: nil)
            let second = try await ConversationQueries(database: app.db).page(
                state: nil, handleID: nil, order: .priority, limit: 1, after: first.nextCursor)
            #expect(first.items.map(\.conversation.id) == [calm])
            #expect(second.items.map(\.conversation.id) == [urgent])

            let cookie = try await InboxPageTests().signIn(app, email: "sup@example.com")
            try await app.testing().test(.GET, "inbox?sort=priority", headers: cookie, afterResponse: { res in
                let html = res.body.string
                let (calmAt, urgentAt) = (html.range(of: calm.uuidString)?.lowerBound, html.range(of: urgent.uuidString)?.lowerBound)
                #expect(calmAt != nil && urgentAt != nil && calmAt! < urgentAt!, "the page lists the overridden case first")
                #expect(html.contains(#"title="set by hand">100</span>"#))
            })
            try await app.testing().test(.GET, "conversations/\(calm)", headers: cookie, afterResponse: { res in
                #expect(res.body.string.contains("Priority <strong>100</strong>"))
            })
        }
    }

    @Test func anOverrideShowsInTheAPI() async throws {
        try await withTestApp { app, clock in
            let (urgent, calm) = try await seed(app, clock: clock)
            let supervisor = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            try await setPriority(app, calm, 95, supervisor)
            try await app.testing().test(.GET, "api/v1/conversations?sort=priority", headers: supervisor, afterResponse: { res in
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                let items = try #require(body?["data"] as? [[String: Any]])
                #expect(items.compactMap { $0["id"] as? String } == [calm.uuidString, urgent.uuidString])
                let priority = try #require(items.first?["priority"] as? [String: Any])
                #expect(priority["score"] as? Int == 95)
                #expect(priority["reasons"] as? [String] == ["set by hand"])
            })
            try await app.testing().test(.GET, "api/v1/conversations/\(calm)", headers: supervisor, afterResponse: { res in
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect((body?["priority"] as? [String: Any])?["score"] as? Int == 95)
            })
        }
    }

    @Test func anOverrideAndABreachDecideWhoIsAssignedFirst() async throws {
        try await withTestApp(configure: { $0.desk.slaRefresh = 0 }) { app, clock in
            let (urgent, calm) = try await seed(app, clock: clock)
            let agents = try await DeskFixtures.agents(app, [(1, .online)])
            let team = try await DeskFixtures.team(app, agents)
            try await app.db.requireSQL().raw("UPDATE conversations SET team_id = \(bind: team), routed_at = \(bind: clock.now)").run()
            try await DeskFieldsQueries(database: app.db).setPriorityOverride(calm, 100)
            try await ParleyApp.deskWorker(for: app).runOnce()
            let fields = try await DeskFieldsQueries(database: app.db).fields([urgent, calm])
            #expect(fields[calm]?.assigneeID == agents[0].id, "capacity 1: the overridden case is taken first")
            #expect(fields[urgent]?.assigneeID == nil)
        }
    }

    @Test func aBreachRaisesTheCaseInTheQueueAndTheAPIAndItsEndLowersIt() async throws {
        try await withTestApp(configure: { $0.desk.slaRefresh = 0 }) { app, clock in
            let (urgent, calm) = try await seed(app, clock: clock)
            let before = try #require(try await ConversationQueries(database: app.db).find(calm))
            // The urgent case ranks 10 above: less than a breach's raise.
            try await DeskFieldsQueries(database: app.db).setPriorityOverride(urgent, before.priority + 10)
            #expect(try await mostUrgent(app) == [urgent, calm])
            try await SLAQueries(database: app.db).record(
                calm, SLAStanding(status: .breached), wasBreached: false, at: clock.now)
            let raised = try #require(try await ConversationQueries(database: app.db).find(calm))
            #expect(raised.priority == min(100, before.priority + PriorityAdjustment.breachRaise))
            #expect(raised.priorityReasons.last == "SLA breached (+20)")
            #expect(try await mostUrgent(app) == [calm, urgent])
            #expect(try await DeskFieldsQueries(database: app.db).fields([calm])[calm]?.priorityOverride == nil, "a breach is no override")
            let supervisor = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            try await app.testing().test(.GET, "api/v1/conversations/\(calm)", headers: supervisor, afterResponse: { res in
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect((body?["priority"] as? [String: Any])?["score"] as? Int == raised.priority)
            })
            // Answered and measured again: the raise goes.
            try await SLAQueries(database: app.db).record(calm, SLAStanding(status: .ok), wasBreached: true, at: clock.now)
            #expect(try await ConversationQueries(database: app.db).find(calm)?.priority == before.priority)
            #expect(try await mostUrgent(app) == [urgent, calm])
        }
    }
}
