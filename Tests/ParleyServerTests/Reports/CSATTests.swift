import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Satisfaction surveys end to end: resolved → a job an hour later → one DM with the link,
/// exactly once; never for trolls; public only where the handle allows automatic public
/// replies; one a day per customer; the public page takes, shows and changes an answer for 7
/// days; the report counts it.
@Suite(.serialized) struct CSATTests: HTTPTestHelpers {
    static let start = try! Date("2026-11-25T13:00:00Z", strategy: .iso8601)
    static func dm(_ id: String, from user: String, at time: String) -> String {
        #"{"data":[{"id":"\#(id)","event_type":"MessageCreate","text":"my order never arrived, can you check","sender_id":"\#(user)","dm_conversation_id":"100-\#(user)","created_at":"\#(time)"}],"includes":{"users":[{"id":"\#(user)","name":"Casey","username":"casey\#(user)"}]}}"#
    }

    func seed(_ app: Application) async throws {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
    }

    func caseID(_ app: Application, customer: String) async throws -> UUID {
        let page = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 50, after: nil)
        return try #require(page.items.first { $0.customer.xUserID == customer }?.conversation.id)
    }

    func outbox(_ app: Application, _ id: UUID) async throws -> [OutboxItem] {
        try #require(try await ConversationQueries(database: app.db).detail(id)).outbox
    }

    @Test func aResolvedDMCaseGetsOneSurveyAnHourLaterAndTheAnswerCounts() async throws {
        let clock = TestClock(Self.start)
        try await withTestApp(clock: clock) { app, clock in
            try await seed(app)
            _ = try await replayMax(app, [Data(Self.dm("d-1", from: "900", at: "2026-11-25T12:00:00.000Z").utf8)])
            let id = try await caseID(app, customer: "900")
            let agent = try await UserQueries(database: app.db).create(
                email: "ana@example.com", name: "Ana", passwordHash: "x", role: .agent, at: clock.now, id: UUID())
            try await app.actions.changeState.run(id, to: .resolve, by: agent)
            let jobs = ParleyApp.jobRunner(for: app)
            #expect(try await jobs.runOnce() == 0)  // not due yet
            clock.advance(by: 3_601)
            #expect(try await jobs.runOnce() == 1)
            let sent = try await outbox(app, id)
            #expect(sent.count == 1 && sent[0].channel == .dm)
            let survey = try #require(try await CSATQueries(database: app.db).forConversation(id))
            #expect(sent[0].text.contains("/csat/\(survey.token)") && sent[0].text.contains("Acme Care"))
            // The job again (a worker died after sending): still one survey, one DM.
            #expect(try await app.actions.csat.send(id) == .skip("already surveyed"))
            #expect(try await outbox(app, id).count == 1)

            // The public page: the question, a refused rating, an answer with hostile markup kept as text.
            let page = try await get(app, "/csat/\(survey.token)")
            #expect(page.body.contains("How did we do?") && page.body.contains("id=\"csat-form\""))
            #expect(page.headers.first(name: "Referrer-Policy") == "no-referrer")
            try await app.testing().test(.POST, "/csat/\(survey.token)", beforeRequest: { req in
                try req.content.encode(["rating": "6"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Choose a rating from 1 to 5."))
            })
            try await app.testing().test(.POST, "/csat/\(survey.token)", beforeRequest: { req in
                try req.content.encode(["rating": "4", "comment": "quick <script>alert(1)</script> thanks"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .seeOther)
            })
            let answered = try await get(app, "/csat/\(survey.token)?saved=1").body
            #expect(answered.contains("You rated us 4 of 5"))
            #expect(!answered.contains("<script>alert(1)") && answered.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let supervisor = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            let report = try #require(try await json(app, .GET, "/api/v1/reports/csat?from=2026-11-20&to=2026-11-30", supervisor, status: .ok)["total"] as? [String: Any])
            #expect(report["sent"] as? Int == 1 && report["answered"] as? Int == 1 && report["csat"] as? Double == 1)

            // Changed within 7 days; closed after.
            clock.advance(by: 2 * 86_400)
            try await app.testing().test(.POST, "/csat/\(survey.token)", beforeRequest: { req in
                try req.content.encode(["rating": "2"], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .seeOther) })
            #expect(try await CSATQueries(database: app.db).forConversation(id)?.rating == 2)
            let changed = try #require(try await json(app, .GET, "/api/v1/reports/csat?from=2026-11-20&to=2026-11-30", supervisor, status: .ok)["total"] as? [String: Any])
            #expect(changed["csat"] as? Double == 0 && changed["satisfied"] as? Int == 0)
            clock.advance(by: 6 * 86_400)
            _ = try await get(app, "/csat/\(survey.token)", status: .gone)
            try await app.testing().test(.POST, "/csat/\(survey.token)", beforeRequest: { req in
                try req.content.encode(["rating": "5"], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .gone) })
            #expect(try await CSATQueries(database: app.db).forConversation(id)?.rating == 2)
            _ = try await get(app, "/csat/\(String(repeating: "0", count: 32))", status: .notFound)
        }
    }

    @Test func trollsPublicCasesAndARecentSurveyGetNone() async throws {
        let clock = TestClock(Self.start)
        try await withTestApp(clock: clock) { app, clock in
            try await seed(app)
            _ = try await replayMax(app, [ReplyLoopTests.customerPost, Self.dm("d-2", from: "901", at: "2026-11-25T12:00:00.000Z"),
                                          Self.dm("d-3", from: "902", at: "2026-11-25T12:01:00.000Z")].map { Data($0.utf8) })
            let publicCase = try await caseID(app, customer: "900")
            let troll = try await caseID(app, customer: "901")
            let regular = try await caseID(app, customer: "902")
            try await app.actions.trolls.ignore(troll, by: nil)
            for id in [publicCase, regular] { try await app.actions.changeState.run(id, to: .resolve, by: nil) }
            clock.advance(by: 3_601)
            _ = try await ParleyApp.jobRunner(for: app).runOnce()
            #expect(try await CSATQueries(database: app.db).forConversation(troll) == nil)
            #expect(try await CSATQueries(database: app.db).forConversation(publicCase) == nil)
            #expect(try await CSATQueries(database: app.db).forConversation(regular) != nil)
            // Where an admin allows automatic public replies, the public case is asked in public.
            try await app.actions.handleSettings.setAutoReplies(StableID.make("handle", "100"), enabled: true)
            #expect(try await app.actions.csat.send(publicCase) == .send(.public))
            #expect(try await outbox(app, publicCase).first?.channel == .public)
            // The same customer's next case (a public post) the same day: no second survey.
            _ = try await replayMax(app, [Data(ReportQueriesTests.later.utf8)])
            let next = try #require(try await ConversationQueries(database: app.db).page(state: .open, handleID: nil, limit: 50, after: nil)
                .items.first { $0.customer.xUserID == "902" }?.conversation.id)
            #expect(next != regular)
            try await app.actions.changeState.run(next, to: .resolve, by: nil)
            clock.advance(by: 3_601)
            #expect(try await app.actions.csat.send(next) == .skip("customer surveyed in the last 24 hours"))
        }
    }
}
