import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Routing rules over the API and the desk worker: a new case meets the rules and lands in a team
/// with its tags, then with an agent.
@Suite(.serialized) struct RoutingTests {
    @Test func aRuleSendsMatchingCasesToATeamTaggedAndTheTeamsAgentGetsThem() async throws {
        try await withTestApp { app, _ in
            let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
            let agents = try await DeskFixtures.agents(app, [(10, .online)])
            let billing = try await DeskFixtures.team(app, agents, name: "Billing")
            _ = try await DeskFixtures.team(app, [], name: "General")
            let body = #"{"name":"refunds","conditions":{"keywords":["refund"]},"actions":{"team":"\#(billing.uuidString)","tags":["Refund"],"priority":90}}"#
            try await app.testing().test(.POST, "api/v1/routing-rules", headers: admin, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: body)
            }, afterResponse: { res throws in #expect(res.status == .created) })
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            _ = try await replayMax(app, [
                LifecycleTests.post("8001", "I want a refund now", at: "2026-11-20T10:00:00.000Z"),
                LifecycleTests.post("8002", "how do I reset my password", at: "2026-11-20T10:01:00.000Z"),
            ])
            let report = try await ParleyApp.deskWorker(for: app).runOnce()
            #expect(report.routed == 2)
            #expect(report.assigned == 1)
            let cases = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 10, after: nil).items
            let refund = try #require(cases.first { $0.lastMessage?.text.contains("refund") == true }?.conversation.id)
            let other = try #require(cases.first { $0.conversation.id != refund }?.conversation.id)
            let fields = try await DeskFieldsQueries(database: app.db).fields([refund, other])
            #expect(fields[refund]?.teamID == billing)
            #expect(fields[refund]?.assigneeID == agents[0].id)
            #expect(fields[refund]?.priorityOverride == 90)
            #expect(try await TagQueries(database: app.db).tags(of: refund) == ["refund"])
            // Two teams and no rule for it: nobody's queue.
            #expect(fields[other]?.teamID == nil)
            // One pass: both at the same instant.
            #expect(Set(try await AuditQueries(database: app.db).trail(refund).map(\.action.rawValue)) == ["routed", "assigned"])
        }
    }

    @Test(arguments: [
        #"{"name":"x","conditions":{"regex":"(oops"},"actions":{"tags":["a"]}}"#,
        #"{"name":"x","conditions":{"keyword":["typo"]},"actions":{"tags":["a"]}}"#,
        #"{"name":"x","conditions":{},"actions":{}}"#,
        #"{"name":"x","conditions":{},"actions":{"team":"6F9619FF-8B86-D011-B42D-00C04FC964FF"}}"#,
        #"{"name":"x","conditions":{},"actions":{"tags":["<b>"]}}"#,
    ])
    func invalidRulesAreRefusedAtSaveTime(_ body: String) async throws {
        try await withTestApp { app, _ in
            let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
            try await app.testing().test(.POST, "api/v1/routing-rules", headers: admin, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: body)
            }, afterResponse: { res throws in
                #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(res.status) \(res.body.string)")
            })
            #expect(try await RoutingQueries(database: app.db).rules().rules.isEmpty)
        }
    }
}
