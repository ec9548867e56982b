import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Two agents on one conversation: the first who starts a reply holds it, the other must take
/// over (audited); a send on a stale view asks to confirm.
@Suite(.serialized) struct CollisionTests {
    func reply(_ app: Application, _ id: UUID, _ headers: HTTPHeaders, _ body: [String: String],
               _ check: @escaping (TestingHTTPResponse) throws -> Void) async throws {
        try await app.testing().test(.POST, "api/v1/conversations/\(id)/replies", headers: headers, beforeRequest: { req in
            try req.content.encode(body)
        }, afterResponse: check)
    }

    @Test func theSecondAgentSeesWhoIsReplyingAndCanSendOnlyAfterTakingOver() async throws {
        try await withTestApp { app, clock in
            let id = try await LifecycleTests().seed(app)
            let ana = try await makeAgent(app, email: "ana@example.com")
            let ben = try await makeAgent(app, email: "ben@example.com")
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/lock", headers: ana, afterResponse: { res throws in
                #expect(res.status == .ok)
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/presence", headers: ben, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""name":"Ana""#))
                #expect(res.body.string.contains(#""mine":false"#))
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/lock", headers: ben, afterResponse: { res throws in
                #expect(res.status == .conflict)
            })
            try await reply(app, id, ben, ["text": "Ben here!", "channel": "public"]) { res throws in
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("is replying"))
            }
            #expect(try await OutboxQueries(database: app.db).forConversation(id).isEmpty)
            clock.advance(by: 1)
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/take-over", headers: ben, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""mine":true"#))
            })
            clock.advance(by: 1)
            try await reply(app, id, ben, ["text": "Ben here!", "channel": "public"]) { res throws in #expect(res.status == .accepted) }
            // Ben's send released the reply: Ana can answer again.
            try await reply(app, id, ana, ["text": "Ana here!", "channel": "public"]) { res throws in #expect(res.status == .accepted) }
            #expect(try await OutboxQueries(database: app.db).forConversation(id).count == 2)
            let trail = try await AuditQueries(database: app.db).trail(id)
            #expect(trail.contains { $0.action == .tookOver && $0.detail == "the reply from Ana" })
        }
    }

    @Test func aLockRunsOutWhenItsHolderStopsTyping() async throws {
        try await withTestApp { app, clock in
            let id = try await LifecycleTests().seed(app)
            let ana = try await makeAgent(app, email: "ana@example.com")
            let ben = try await makeAgent(app, email: "ben@example.com")
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/lock", headers: ana, afterResponse: { _ in })
            clock.advance(by: ReplyLock.lasts + 1)
            try await reply(app, id, ben, ["text": "Picking this up.", "channel": "public"]) { res throws in #expect(res.status == .accepted) }
        }
    }

    @Test func sendingOnAStaleViewAsksToConfirm() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            let ana = try await makeAgent(app, email: "ana@example.com")
            // Ana loaded the case when it had only the first post, then the customer wrote again.
            let seen = "2026-11-20T10:00:00Z"
            _ = try await replayMax(app, [LifecycleTests.post("7010", "actually it's worse", at: "2026-11-20T10:30:00.000Z", replyTo: "7001")])
            try await reply(app, id, ana, ["text": "Sorry!", "channel": "public", "seen_up_to": seen]) { res throws in
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("stale_view"))
            }
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/replies", headers: ana, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"text":"Sorry!","channel":"public","seen_up_to":"\#(seen)","confirm_stale":true}"#)
            }, afterResponse: { res throws in #expect(res.status == .accepted) })
        }
    }
}
