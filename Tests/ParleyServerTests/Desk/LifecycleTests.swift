import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// open → pending → snoozed → resolved, the customer's next message, the reopen window; tags,
/// notes and the audit trail over the API.
@Suite(.serialized) struct LifecycleTests {
    static func post(_ id: String, _ text: String, at time: String, replyTo: String? = nil) -> Data {
        let reply = replyTo.map { #","in_reply_to_user_id":"100","referenced_tweets":[{"type":"replied_to","id":"\#($0)"}]"# } ?? ""
        return Data(#"{"data":{"id":"\#(id)","text":"@AcmeCare \#(text)","author_id":"900","created_at":"\#(time)","conversation_id":"\#(replyTo ?? id)","edit_history_tweet_ids":["\#(id)"],"entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare","id":"100"}]}\#(reply)},"includes":{"users":[{"id":"900","name":"Casey","username":"casey"}]}}"#.utf8)
    }

    func seed(_ app: Application) async throws -> UUID {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
        _ = try await replayMax(app, [Self.post("7001", "my parcel is late", at: "2026-11-20T10:00:00.000Z")])
        let page = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 10, after: nil)
        return try #require(page.items.first?.conversation.id)
    }

    func post(_ app: Application, _ path: String, _ headers: HTTPHeaders, _ body: [String: String]? = nil,
              _ check: @escaping (TestingHTTPResponse) throws -> Void) async throws {
        try await app.testing().test(.POST, path, headers: headers, beforeRequest: { req in
            if let body { try req.content.encode(body) }
        }, afterResponse: check)
    }

    @Test func pendingAndSnoozedCasesOpenAgainWhenTheCustomerWritesOrTheSnoozeEnds() async throws {
        try await withTestApp { app, clock in
            let id = try await seed(app)
            let agent = try await makeAgent(app)
            try await post(app, "api/v1/conversations/\(id)/pending", agent) { res throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(ConversationDTO.self).state == "pending")
            }
            // The customer answers: open again.
            _ = try await replayMax(app, [Self.post("7002", "here is more detail", at: "2026-11-20T11:00:00.000Z", replyTo: "7001")])
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .open)

            clock.advance(by: 1)
            let until = clock.now.addingTimeInterval(3600)
            try await post(app, "api/v1/conversations/\(id)/snooze", agent, ["until": ISO8601DateFormatter().string(from: until)]) { res throws in
                #expect(res.status == .ok)
                let dto = try res.content.decode(ConversationDTO.self)
                #expect(dto.state == "snoozed")
                #expect(dto.desk?.snoozedUntil != nil)
            }
            // A snooze in the past is refused; so is snoozing a snoozed case.
            try await post(app, "api/v1/conversations/\(id)/snooze", agent, ["until": "2020-01-01T00:00:00Z"]) { res throws in
                #expect(res.status == .conflict || res.status == .badRequest)
            }
            clock.advance(by: 3601)
            #expect(try await ParleyApp.deskWorker(for: app).runOnce().woken == 1)
            try await ParleyApp.processor(for: app).drain()
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .open)
            let trail = try await AuditQueries(database: app.db).trail(id).map(\.action.rawValue)
            #expect(trail == ["pending", "snooze", "woke"])
        }
    }

    @Test func aMessageAfterTheReopenWindowOpensANewCaseLinkedToTheOld() async throws {
        try await withTestApp(configure: { $0.reopenWindow = 3600 }) { app, clock in
            let id = try await seed(app)
            let agent = try await makeAgent(app)
            try await post(app, "api/v1/conversations/\(id)/resolve", agent) { res in #expect(res.status == .ok) }
            // Resolved "now" (the test clock); the customer writes back two hours later in the same thread.
            let later = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(7200))
            _ = try await replayMax(app, [Self.post("7003", "it broke again", at: later, replyTo: "7001")])
            let all = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 10, after: nil).items
            #expect(all.count == 2)
            let newCase = try #require(all.first { $0.conversation.id != id }?.conversation)
            #expect(newCase.state == .open)
            #expect(newCase.previousConversationID == id)
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .resolved)
        }
    }

    @Test func aMessageWithinTheWindowReopensTheSameCase() async throws {
        try await withTestApp(configure: { $0.reopenWindow = 3 * 24 * 3600 }) { app, clock in
            let id = try await seed(app)
            let agent = try await makeAgent(app)
            try await post(app, "api/v1/conversations/\(id)/resolve", agent) { res in #expect(res.status == .ok) }
            let soon = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(600))
            _ = try await replayMax(app, [Self.post("7004", "one more thing", at: soon, replyTo: "7001")])
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .open)
            #expect(try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 10, after: nil).items.count == 1)
        }
    }

    @Test func tagsNotesPriorityAndAssignmentAreAuditedAndNotesNeverReachTheOutbox() async throws {
        try await withTestApp { app, clock in
            let id = try await seed(app)
            let agent = try await makeAgent(app)
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/tags", headers: agent, beforeRequest: { req in
                try req.content.encode(["tags": ["Billing", "refund"]])
            }, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(ConversationDTO.self).desk?.tags == ["billing", "refund"])
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/tags", headers: agent, beforeRequest: { req in
                try req.content.encode(["tags": ["<script>"]])
            }, afterResponse: { res in #expect(res.status == .badRequest) })
            clock.advance(by: 1)
            try await post(app, "api/v1/conversations/\(id)/notes", agent, ["body": "Customer is a VIP <b>really</b>"]) { res throws in
                #expect(res.status == .ok)
                let dto = try res.content.decode(ConversationDTO.self)
                #expect(dto.desk?.notes?.map(\.body) == ["Customer is a VIP <b>really</b>"])
                #expect(dto.outbox?.isEmpty == true)
            }
            clock.advance(by: 1)
            try await app.testing().test(.PUT, "api/v1/conversations/\(id)/priority", headers: agent, beforeRequest: { req in
                try req.content.encode(["priority": 95])
            }, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(ConversationDTO.self).desk?.priorityOverride == 95)
            })
            clock.advance(by: 1)
            try await post(app, "api/v1/conversations/\(id)/assign", agent, ["agent": "me"]) { res throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(ConversationDTO.self).desk?.assignee?.name == "Ana")
            }
            let trail = try await AuditQueries(database: app.db).trail(id).map(\.action.rawValue)
            #expect(trail == ["tagged", "noted", "priority", "took"])
        }
    }

    @Test func anAgentCannotTakeAnotherAgentsCaseButASupervisorCan() async throws {
        try await withTestApp { app, _ in
            let id = try await seed(app)
            let ana = try await makeAgent(app, email: "ana@example.com")
            let ben = try await makeAgent(app, email: "ben@example.com")
            let sue = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            try await post(app, "api/v1/conversations/\(id)/assign", ana, ["agent": "me"]) { res in #expect(res.status == .ok) }
            try await post(app, "api/v1/conversations/\(id)/assign", ben, ["agent": "me"]) { res throws in
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("has this case"))
            }
            let benID = try #require(try await UserQueries(database: app.db).find(email: "ben@example.com")?.id)
            try await post(app, "api/v1/conversations/\(id)/assign", ana, ["agent": benID.uuidString]) { res throws in
                #expect(res.status == .forbidden)
            }
            try await post(app, "api/v1/conversations/\(id)/assign", sue, ["agent": benID.uuidString]) { res throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(ConversationDTO.self).desk?.assignee?.id == benID)
            }
        }
    }
}
