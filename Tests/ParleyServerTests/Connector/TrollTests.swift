import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Trolls against the fake X: a reply hidden in the brand's own thread, the author muted, blocked
/// (their next case resolved by the desk pass), ignored cases out of the reports; X's refusals
/// come back as the desk's errors, and every call is metered.
@Suite(.serialized) struct TrollTests {
    func call(_ h: ConnectorHarness, _ path: String, _ body: [String: String], _ headers: HTTPHeaders) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await h.app.testing().test(.POST, path, headers: headers, beforeRequest: { req in
            try req.content.encode(body, as: .json)
        }, afterResponse: { res in result = (res.status, res.body.string) })
        return result
    }

    @Test func hideMuteBlockAndIgnoreGoThroughXAndTheDesk() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            let agent = try await makeAgent(h.app, email: "sam@example.com", role: .agent)
            let world = h.fake.world
            let troll = "990000000000000001"
            await world.addUser(FakeXUser(id: troll, username: "rude_one", name: "Rude One"))
            // The brand's own post, and a troll's reply to it; and a reply in someone else's thread.
            let root = await world.addPost(FakeXPost(id: await world.nextPostID(), authorID: handle.xUserID, text: "Our new release is out!", createdAt: Date()))
            let reply = await world.addPost(FakeXPost(
                id: await world.nextPostID(), authorID: troll, text: "@\(handle.username) this is garbage, you are all idiots", createdAt: Date(),
                conversationID: root, inReplyToUserID: handle.xUserID, referencedTweets: [FakeXReference(type: "replied_to", id: root)]))
            _ = try await h.poll(.mentions, handle)
            try await ParleyApp.processor(for: h.app).drain()
            let conversations = try await ConversationQueries(database: h.app.db).page(state: .open, handleID: nil, limit: 100, after: nil).items
            let caseID = try #require(conversations.first { $0.customer.xUserID == troll }?.conversation.id)

            #expect(try await call(h, "/api/v1/conversations/\(caseID)/hide", ["x_id": "123"], agent).0 == .notFound)
            #expect(try await call(h, "/api/v1/conversations/\(caseID)/hide", ["x_id": reply], agent).0 == .noContent)
            #expect(await world.isHidden(reply))
            #expect(try await call(h, "/api/v1/conversations/\(caseID)/troll", ["action": "mute"], agent).0 == .noContent)
            #expect(await world.muted(by: handle.xUserID).contains(troll))
            #expect(try await call(h, "/api/v1/conversations/\(caseID)/troll", ["action": "block"], agent).0 == .noContent)
            let blocked = try #require(try await ConversationQueries(database: h.app.db).find(caseID))
            #expect(blocked.state == .resolved)
            #expect(try await TagQueries(database: h.app.db).tags(of: [caseID])[caseID]?.contains("troll") == true)
            let report = try await XCostReport.build(database: h.app.db, now: Date())
            #expect(report.handles[handle.username]?.today.units["user_interaction_create"] == 2)
            #expect(report.handles[handle.username]?.today.units["content_manage"] == 1)

            // X refuses to hide a reply in a thread the brand did not start.
            let other = await world.addPost(FakeXPost(id: await world.nextPostID(), authorID: FakeXSeed.customerUserID, text: "My own thread", createdAt: Date()))
            let stranger = "990000000000000002"
            await world.addUser(FakeXUser(id: stranger, username: "stranger", name: "Stranger"))
            let aside = await world.addPost(FakeXPost(
                id: await world.nextPostID(), authorID: stranger, text: "@\(handle.username) look at this thread", createdAt: Date(),
                conversationID: other, inReplyToUserID: FakeXSeed.customerUserID, referencedTweets: [FakeXReference(type: "replied_to", id: other)]))
            _ = try await h.poll(.mentions, handle)
            try await ParleyApp.processor(for: h.app).drain()
            let asideCase = try #require(try await ConversationQueries(database: h.app.db).page(state: .open, handleID: nil, limit: 100, after: nil)
                .items.first { $0.customer.xUserID == stranger }?.conversation.id)
            let refused = try await call(h, "/api/v1/conversations/\(asideCase)/hide", ["x_id": aside], agent)
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("x_refused"))
            #expect(await !world.isHidden(aside))

            // The blocked author writes again: the desk pass resolves the new case as a troll.
            _ = await world.addPost(FakeXPost(id: await world.nextPostID(), authorID: troll, text: "@\(handle.username) still garbage", createdAt: Date()))
            _ = try await h.poll(.mentions, handle)
            try await ParleyApp.processor(for: h.app).drain()
            _ = try await ParleyApp.deskWorker(for: h.app).runOnce()
            let open = try await ConversationQueries(database: h.app.db).page(state: .open, handleID: nil, limit: 100, after: nil).items
            #expect(!open.contains { $0.customer.xUserID == troll })

            // Ignore: resolved as a troll, and not counted in the day's answered cases.
            #expect(try await call(h, "/api/v1/conversations/\(asideCase)/troll", ["action": "ignore"], agent).0 == .noContent)
            #expect(try await ConversationQueries(database: h.app.db).find(asideCase)?.state == .resolved)
            let trail = try await AuditQueries(database: h.app.db).trail(asideCase)
            #expect(trail.contains { $0.action == .troll })
        }
    }
}
