import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// An agent's reply: outbox → sender → sandbox X → echo → the same conversation, once.
@Suite(.serialized) struct ReplyLoopTests {
    static let customerPost = #"{"data":{"id":"5001","text":"@AcmeCare my order never arrived","author_id":"900","created_at":"2026-11-25T10:00:00.000Z","conversation_id":"5001","edit_history_tweet_ids":["5001"],"entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare","id":"100"}]}},"includes":{"users":[{"id":"900","name":"Casey","username":"casey","public_metrics":{"followers_count":42}}]}}"#

    func seed(_ app: Application) async throws -> UUID {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
        _ = try await replayMax(app, [Data(Self.customerPost.utf8)])
        let page = try await ConversationQueries(database: app.db).page(state: .open, handleID: nil, limit: 10, after: nil)
        return try #require(page.items.first?.conversation.id)
    }

    func sender(_ app: Application, faults: Sender.Faults = Sender.Faults(), owner: String = "test-sender") -> Sender {
        let services = app.parleyServices
        let ingestor = ParleyApp.ingestor(for: app)
        return Sender(
            database: app.db, transport: SandboxTransport(database: app.db, ingestor: ingestor, effects: services.effects),
            ingestor: ingestor, effects: services.effects, metrics: services.metrics, owner: owner, leaseSeconds: 30,
            faults: faults)
    }

    @Test func replyAppearsOnceInItsConversationAfterItsEcho() async throws {
        try await withTestApp { app, _ in
            let id = try await seed(app)
            let headers = try await makeAgent(app)
            var outboxID: UUID?
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/replies", headers: headers, beforeRequest: { req in
                try req.content.encode(["text": "Sorry Casey! Please DM us your order number.", "channel": "public"])
            }, afterResponse: { res in
                #expect(res.status == .accepted)
                let item = try res.content.decode(OutboxItemDTO.self)
                #expect(item.state == "queued")
                outboxID = item.id
            })
            let outcome = try await sender(app).runOnce()
            guard case .sent(let sentID, _) = outcome else { Issue.record("expected sent, got \(outcome)"); return }
            #expect(sentID == outboxID)
            try await ParleyApp.processor(for: app).drain()
            #expect(try await sender(app).runOnce() == .idle)

            let stats = try await StoreStats.load(from: app.db)
            #expect(stats.conversationsByState.values.reduce(0, +) == 1)
            #expect(stats.messagesByKind["own_post"] == 1)
            let detail = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(detail.messages.map(\.kind) == [.mention, .ownPost])
            #expect(detail.conversation.awaitingReplySince == nil)
            #expect(detail.outbox.map(\.state) == [.sent])
            // The echo from the sandbox and the sender's own record are two journal events, one message.
            #expect(stats.journalEvents == 3)
        }
    }

    @Test func crashBetweenSendAndRecordNeverDoubleSends() async throws {
        try await withTestApp { app, clock in
            let id = try await seed(app)
            _ = try await makeAgent(app, email: "a@example.com")
            let user = try #require(try await UserQueries(database: app.db).find(email: "a@example.com"))
            let item = try await app.actions.reply.run(
                .init(conversationID: id, text: "On it!", channel: .public), by: user)

            await #expect(throws: Sender.InjectedCrash.self) {
                try await sender(app, faults: Sender.Faults(crashAfterDelivery: true), owner: "doomed").runOnce()
            }
            #expect(try await SandboxQueries(database: app.db).count() == 1)
            #expect(try await OutboxQueries(database: app.db).find(item.id)?.state == .sending)

            // While the dead sender's lease runs, nobody takes the item.
            #expect(try await sender(app, owner: "survivor").runOnce() == .idle)
            clock.advance(by: 31)
            let outcome = try await sender(app, owner: "survivor").runOnce()
            guard case .reconciled(let reconciled, _) = outcome else { Issue.record("expected reconciled, got \(outcome)"); return }
            #expect(reconciled == item.id)
            #expect(try await SandboxQueries(database: app.db).count() == 1)
            try await ParleyApp.processor(for: app).drain()
            let detail = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(detail.messages.filter { $0.kind == .ownPost }.count == 1)
            #expect(detail.outbox.map(\.state) == [.sent])
        }
    }

    @Test func dmReplyGoesToTheCustomerAndJoinsTheCase() async throws {
        try await withTestApp { app, _ in
            let id = try await seed(app)
            let headers = try await makeAgent(app)
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/replies", headers: headers, beforeRequest: { req in
                try req.content.encode(["text": "Can you share the order number here?", "channel": "dm"])
            }, afterResponse: { res in
                #expect(res.status == .accepted)
            })
            _ = try await sender(app).runOnce()
            try await ParleyApp.processor(for: app).drain()
            let detail = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(detail.messages.map(\.kind) == [.mention, .ownDM])
            #expect(detail.conversation.hasDM)
            // The customer's answer by DM joins the same case.
            let answer = #"{"data":[{"id":"d-77","event_type":"MessageCreate","text":"It is 12345","sender_id":"900","dm_conversation_id":"100-900","created_at":"2026-11-25T12:05:00.000Z"}]}"#
            _ = try await replayMax(app, [Data(answer.utf8)])
            let after = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(after.messages.map(\.kind) == [.mention, .ownDM, .dm])
            #expect(try await StoreStats.load(from: app.db).conversationsByState.values.reduce(0, +) == 1)
        }
    }

    @Test func invalidRepliesAreRefusedWithAReason() async throws {
        try await withTestApp { app, _ in
            let id = try await seed(app)
            let headers = try await makeAgent(app)
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/replies", headers: headers, beforeRequest: { req in
                try req.content.encode(["text": String(repeating: "x", count: 281), "channel": "public"])
            }, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                let body = try res.content.decode(ErrorBodyDTO.self)
                #expect(body.error.code == "reply_invalid")
                #expect(body.error.message.contains("281"))
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/replies", headers: headers, beforeRequest: { req in
                try req.content.encode(["text": "hi", "channel": "carrier-pigeon"])
            }, afterResponse: { res in
                #expect(res.status == .badRequest)
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(UUID())/replies", headers: headers, beforeRequest: { req in
                try req.content.encode(["text": "hi", "channel": "public"])
            }, afterResponse: { res in
                #expect(res.status == .notFound)
            })
            #expect(try await OutboxQueries(database: app.db).countsByState().isEmpty)
        }
    }
}
