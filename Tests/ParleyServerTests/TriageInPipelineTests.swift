import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Triage runs on every customer message as it is ingested: each case gets a priority with its
/// reasons and a handoff advice, and personal data moves it to DM without ever being repeated.
@Suite(.serialized) struct TriageInPipelineTests {
    static let piiPost = #"{"data":{"id":"8001","text":"@AcmeCare this is ridiculous, order 112-4456789-1234567 never arrived. Call me on +44 7700 900123","author_id":"901","created_at":"2026-11-25T11:00:00.000Z","conversation_id":"8001","entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare"}]}},"includes":{"users":[{"id":"901","name":"Jo","username":"jo","public_metrics":{"followers_count":120000}}]}}"#
    static let praisePost = #"{"data":{"id":"8002","text":"@AcmeCare thanks, love the new app!","author_id":"902","created_at":"2026-11-25T11:01:00.000Z","conversation_id":"8002","entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare"}]}},"includes":{"users":[{"id":"902","name":"Sam","username":"sam","public_metrics":{"followers_count":12}}]}}"#

    @Test func casesGetPriorityAndHandoffAdvice() async throws {
        try await withTestApp { app, _ in
            #expect(app.parleyServices.triager != nil, "the triage model ships in Models/triage")
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            _ = try await replayMax(app, [Data(Self.piiPost.utf8), Data(Self.praisePost.utf8)])
            let handleID = StableID.make("handle", "100")
            let urgent = try #require(try await ConversationQueries(database: app.db).detail(StableID.make("conversation", handleID.uuidString, "8001")))
            let praise = try #require(try await ConversationQueries(database: app.db).detail(StableID.make("conversation", handleID.uuidString, "8002")))

            #expect(urgent.conversation.triage.priority > praise.conversation.triage.priority)
            #expect(urgent.conversation.triage.handoff == .dm)
            #expect(!urgent.conversation.triage.handoffReasons.isEmpty)
            let suggested = try #require(urgent.conversation.triage.suggestedReply)
            #expect(suggested.contains("https://twitter.com/messages/compose?recipient_id=100") || suggested.contains("recipient_id=100"))
            #expect(!suggested.contains("7700") && !suggested.contains("4456789"))
            let triage = try #require(urgent.messages.first?.triage)
            #expect(triage.intent == .complaint)
            #expect(triage.personalData.contains(.orderNumber) || triage.personalData.contains(.phone))
            #expect(praise.conversation.triage.handoff == .public)

            let headers = try await makeAgent(app)
            try await app.testing().test(.GET, "api/v1/conversations/\(urgent.conversation.id)", headers: headers, afterResponse: { res in
                let body = res.body.string
                #expect(body.contains(#""advice":"dm""#))
                #expect(body.contains(#""personal_data":["#))
            })
        }
    }

    @Test func answeringACaseClearsItsUrgencyButNotItsHandoff() async throws {
        try await withTestApp { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let answer = #"{"data":{"id":"8003","text":"@jo so sorry, please check your DMs","author_id":"100","created_at":"2026-11-25T11:05:00.000Z","conversation_id":"8001","in_reply_to_user_id":"901","referenced_tweets":[{"type":"replied_to","id":"8001"}]}}"#
            _ = try await replayMax(app, [Data(Self.piiPost.utf8), Data(answer.utf8)])
            let id = StableID.make("conversation", StableID.make("handle", "100").uuidString, "8001")
            let detail = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(detail.conversation.triage.priority == 0)
            #expect(detail.conversation.triage.handoff == .dm)
            #expect(detail.messages.last?.triage == nil)
        }
    }
}
