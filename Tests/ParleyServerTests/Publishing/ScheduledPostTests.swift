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

/// Scheduled posts against the fake X over real HTTP, on a clock the test moves: a post goes out
/// once at its time and never before, across a restart; crisis mode holds what comes due during
/// it and sends it to review; a posting limit holds with its reason.
@Suite(.serialized) struct ScheduledPostTests {
    static let longText = String(repeating: "Our winter release is here: faster sync, offline mode and a new dark theme for every plan. ", count: 4)
        + "Read more at https://example.com/winter"

    struct Desk {
        let h: ConnectorHarness
        let clock: TestClock
        let handle: Handle
        let supervisor: HTTPHeaders
        let agent: HTTPHeaders

        func publishAndSend() async throws {
            let context = ActionContext(services: h.app.parleyServices, database: h.app.db)
            try await Publisher(context: context).runOnce()
            let services = h.app.parleyServices
            let sender = Sender(
                database: h.app.db, transport: h.x.transport, ingestor: ParleyApp.ingestor(for: h.app), effects: services.effects,
                metrics: services.metrics, owner: "sender-test", leaseSeconds: 30)
            while try await sender.runOnce() != .idle {
                try await Publisher(context: context).runOnce()
            }
        }

        func xPosts(containing text: String) async -> [FakeXPost] {
            await h.fake.world.posts(by: FakeXSeed.brandUserID).filter { $0.text.contains(text) }
        }

        func post(_ id: UUID) async throws -> ScheduledPost {
            try #require(try await ScheduledPostQueries(database: h.app.db).find(id))
        }

        func create(_ body: [String: Any], headers: HTTPHeaders? = nil) async throws -> (HTTPStatus, [String: Any]) {
            try await request(.POST, "/api/v1/scheduled-posts", body, headers: headers ?? agent)
        }

        func request(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil, headers: HTTPHeaders) async throws -> (HTTPStatus, [String: Any]) {
            var result: (HTTPStatus, [String: Any]) = (.ok, [:])
            try await h.app.testing().test(method, path, headers: headers, beforeRequest: { req in
                if let body {
                    req.headers.contentType = .json
                    req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
                }
            }, afterResponse: { res in
                let object = res.body.readableBytes > 0 ? (try? JSONSerialization.jsonObject(with: Data(buffer: res.body))) : nil
                result = (res.status, object as? [String: Any] ?? [:])
            })
            return result
        }

        func iso(_ date: Date) -> String { date.formatted(.iso8601) }
    }

    static func run(database: DatabaseChoice? = nil, _ body: (Desk) async throws -> Void) async throws {
        let clock = TestClock(Date())
        try await ConnectorHarness.run(database: database, effects: Effects(now: { clock.now }, newID: { UUID() })) { h in
            let handle = try await h.connectBrand()
            let supervisor = try await makeAgent(h.app, email: "priya@example.com", role: .supervisor)
            let agent = try await makeAgent(h.app, email: "sam@example.com", role: .agent)
            try await body(Desk(h: h, clock: clock, handle: handle, supervisor: supervisor, agent: agent))
        }
    }

    @Test func aPostScheduledForTGoesOutOnceAtTAsAThreadAndNotBefore() async throws {
        try await Self.run { d in
            let due = d.clock.now.addingTimeInterval(600)
            let (status, created) = try await d.create([
                "handle": "@\(d.handle.username)", "text": Self.longText, "due_at": d.iso(due), "time_zone": "Europe/Berlin", "submit": true,
            ])
            #expect(status == .created)
            #expect(created["state"] as? String == "awaiting_approval")
            let parts = try #require(created["parts"] as? [String])
            #expect(parts.count == 2)
            let id = try #require((created["id"] as? String).flatMap { UUID(uuidString: $0) })
            // An agent may not approve; a supervisor may.
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(id)/approve", headers: d.agent).0 == .forbidden)
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(id)/approve", headers: d.supervisor).0 == .ok)

            d.clock.advance(by: 599)
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "winter release").isEmpty)
            #expect(try await d.post(id).state == .scheduled)

            d.clock.advance(by: 1)
            try await d.publishAndSend()
            let sent = await d.xPosts(containing: "winter release")
            let post = try await d.post(id)
            #expect(sent.count == 2)
            #expect(post.state == .sent)
            #expect(post.sentXIDs.count == 2)
            let second = try #require(sent.first { $0.id == post.sentXIDs[1] })
            #expect(second.referencedTweets.first { $0.type == "replied_to" }?.id == post.sentXIDs[0])

            d.clock.advance(by: 3_600)
            try await d.publishAndSend()
            #expect(await d.h.requests("/2/tweets").filter { $0.method == "POST" }.count == 2)
        }
    }

    @Test func aRestartBeforeTStillSendsOnce() async throws {
        let path = temporaryDatabasePath()
        let clock = TestClock(Date())
        let fake = try await FakeX.start(options: FakeX.Options(keepAliveInterval: 0.2))
        var id: UUID?
        let effects = Effects(now: { clock.now }, newID: { UUID() })
        try await ConnectorHarness.run(database: .sqlite(path: path), externalFake: fake, effects: effects) { h in
            let handle = try await h.connectBrand()
            let supervisor = try await makeAgent(h.app, email: "priya@example.com", role: .supervisor)
            let d = Desk(h: h, clock: clock, handle: handle, supervisor: supervisor, agent: supervisor)
            let (status, created) = try await d.create(
                ["handle": handle.id.uuidString, "text": "Doors open at 9. See you there!", "local_time": ScheduledPostRules.local(clock.now.addingTimeInterval(300), in: TimeZone(identifier: "America/New_York")!), "time_zone": "America/New_York", "submit": true])
            #expect(status == .created)
            id = (created["id"] as? String).flatMap { UUID(uuidString: $0) }
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(id!)/approve", headers: supervisor).0 == .ok)
            clock.advance(by: 120)
            try await d.publishAndSend()
        }
        try await ConnectorHarness.run(database: .sqlite(path: path), externalFake: fake, effects: effects) { h in
            let handle = try await h.connectBrand()
            let d = Desk(h: h, clock: clock, handle: handle, supervisor: [:], agent: [:])
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "Doors open at 9").isEmpty)
            clock.advance(by: 240)
            try await d.publishAndSend()
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "Doors open at 9").count == 1)
            #expect(try await d.post(try #require(id)).state == .sent)
        }
        await fake.shutdown()
    }

    @Test func rejectedDraftAndUnapprovedPostsNeverGo() async throws {
        try await Self.run { d in
            let due = d.iso(d.clock.now.addingTimeInterval(120))
            let draft = try await d.create(["handle": d.handle.username, "text": "Draft: new pricing", "due_at": due]).1
            let waiting = try await d.create(["handle": d.handle.username, "text": "Waiting: new pricing", "due_at": due, "submit": true]).1
            let rejected = try await d.create(["handle": d.handle.username, "text": "Rejected: new pricing", "due_at": due, "submit": true]).1
            let rejectedID = try #require(rejected["id"] as? String)
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(rejectedID)/reject", [:], headers: d.supervisor).0 == .badRequest)
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(rejectedID)/reject", ["note": ""], headers: d.supervisor).0 == .unprocessableEntity)
            let (status, body) = try await d.request(.POST, "/api/v1/scheduled-posts/\(rejectedID)/reject", ["note": "Legal has not cleared the prices."], headers: d.supervisor)
            #expect(status == .ok)
            #expect(body["state"] as? String == "draft")
            #expect(body["rejection_note"] as? String == "Legal has not cleared the prices.")
            d.clock.advance(by: 7_200)
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "new pricing").isEmpty)
            #expect(draft["state"] as? String == "draft")
            #expect(waiting["state"] as? String == "awaiting_approval")
            let list = try await d.request(.GET, "/api/v1/scheduled-posts?state=draft,awaiting_approval&handle=\(d.handle.username)", headers: d.agent).1
            #expect((list["data"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test func crisisOnBeforeTHoldsThePostAndOffSendsItToReviewNotOut() async throws {
        try await Self.run { d in
            try await ParleyApp.setPublishing(d.h.app, handleID: d.handle.id, verified: true, answerFrom: nil, limits: nil)
            let due = d.clock.now.addingTimeInterval(300)
            let created = try await d.create(["handle": d.handle.username, "text": "Flash sale starts now!", "due_at": d.iso(due), "submit": true]).1
            let id = try #require(created["id"] as? String)
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(id)/approve", headers: d.supervisor).0 == .ok)
            d.clock.advance(by: 270)
            // The brand's only handle is a care handle, so it is named; an agent may not switch.
            #expect(try await d.request(.POST, "/api/v1/crisis", ["reason": "Outage", "handles": [d.handle.username]], headers: d.agent).0 == .forbidden)
            #expect(try await d.request(.POST, "/api/v1/crisis", ["reason": "  ", "handles": [d.handle.username]], headers: d.supervisor).0 == .unprocessableEntity)
            let (status, crisis) = try await d.request(.POST, "/api/v1/crisis", ["reason": "Login outage", "handles": [d.handle.username]], headers: d.supervisor)
            #expect(status == .created)
            #expect(crisis["active"] as? Bool == true)
            #expect(try await d.request(.GET, "/api/v1/scheduled-posts/\(id)", headers: d.agent).1["paused"] as? Bool == true)

            d.clock.advance(by: 60)
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "Flash sale").isEmpty)
            let held = try await d.post(try #require(UUID(uuidString: id)))
            #expect(held.state == .held)
            #expect(held.hold == .crisis(reason: "Login outage"))

            #expect(try await d.request(.DELETE, "/api/v1/crisis", headers: d.supervisor).0 == .ok)
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "Flash sale").isEmpty)
            #expect(try await d.post(try #require(UUID(uuidString: id))).state == .awaitingApproval)
            // The escalation list was told twice: on and off.
            let notices = try await JobQueries(database: d.h.app.db).all(kind: .crisisNotice)
            #expect(notices.count == 2)
        }
    }

    @Test func the51stOriginalPostOfAnUnverifiedHandleInADayIsHeldWithItsReason() async throws {
        try await Self.run { d in
            try await ParleyApp.setPublishing(d.h.app, handleID: d.handle.id, verified: false, answerFrom: nil, limits: nil)
            let outbox = OutboxQueries(database: d.h.app.db)
            let sql = try #require(d.h.app.db as? any SQLDatabase)
            // 50 original posts went out over the last day, none in the last half hour.
            for k in 0..<50 {
                let at = d.clock.now.addingTimeInterval(-Double(3_600 + k * 60))
                let item = OutboxItem(
                    id: UUID(), conversationID: nil, handleID: d.handle.id, channel: .public, text: "Earlier post \(k)", inReplyToXID: nil,
                    recipientXUserID: nil, state: .queued, attempts: 0, xID: nil, error: nil, createdBy: nil, createdAt: at, sentAt: nil)
                try await outbox.enqueue(item)
                try await sql.update("outbox").set("state", to: SQLBind("sent")).set("sent_at", to: SQLBind(at))
                    .where("id", .equal, SQLBind(item.id)).run()
            }
            let created = try await d.create(["handle": d.handle.username, "text": "Post number 51", "due_at": d.iso(d.clock.now.addingTimeInterval(120)), "submit": true]).1
            let id = try #require(created["id"] as? String)
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(id)/approve", headers: d.supervisor).0 == .ok)
            d.clock.advance(by: 120)
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "Post number 51").isEmpty)
            let body = try await d.request(.GET, "/api/v1/scheduled-posts/\(id)", headers: d.agent).1
            #expect(body["state"] as? String == "held")
            let hold = try #require(body["hold"] as? [String: Any])
            #expect(hold["kind"] as? String == "posting_limit")
            #expect((hold["reason"] as? String)?.contains("50 original posts a day") == true)
            let limits = try await d.request(.GET, "/api/v1/posting-limits", headers: d.agent)
            #expect(limits.0 == .ok)
            // When the oldest of the 50 leaves the 24-hour window, it goes out by itself.
            d.clock.advance(by: 86_400)
            try await d.publishAndSend()
            #expect(await d.xPosts(containing: "Post number 51").count == 1)
        }
    }

    @Test func badInputGetsAClearErrorAndSavesNothing() async throws {
        try await Self.run { d in
            let soon = d.iso(d.clock.now.addingTimeInterval(3_600))
            func code(_ body: [String: Any]) async throws -> (HTTPStatus, String?) {
                let (status, object) = try await d.create(body)
                return (status, (object["error"] as? [String: Any])?["code"] as? String)
            }
            #expect(try await code(["handle": d.handle.username, "text": "Past", "due_at": d.iso(d.clock.now.addingTimeInterval(-60))]) == (.unprocessableEntity, "time_in_past"))
            #expect(try await code(["handle": d.handle.username, "text": "Zone", "local_time": "2031-01-01T09:00", "time_zone": "Mars/Olympus"]) == (.unprocessableEntity, "unknown_time_zone"))
            #expect(try await code(["handle": d.handle.username, "text": "Time", "local_time": "2031-02-30T09:00", "time_zone": "UTC"]) == (.unprocessableEntity, "invalid_time"))
            #expect(try await code(["handle": d.handle.username, "text": String(repeating: "long ", count: 1_300), "due_at": soon]) == (.unprocessableEntity, "too_long"))
            #expect(try await code(["handle": d.handle.username, "text": "Hello", "due_at": soon, "due_time": soon]) == (.badRequest, "unknown_field"))
            #expect(try await code(["handle": d.handle.username, "text": "   ", "due_at": soon]) == (.unprocessableEntity, "empty_text"))
            #expect(try await code(["handle": "@nobody", "text": "Hello", "due_at": soon]).0 == .badRequest)
            #expect(try await code(["handle": d.handle.username, "text": "<script>alert(1)</script> Same text", "due_at": soon]).0 == .created)
            #expect(try await code(["handle": d.handle.username, "text": "<script>alert(1)</script> Same text", "due_at": soon]) == (.unprocessableEntity, "duplicate_content"))
            let all = try await ScheduledPostQueries(database: d.h.app.db).list(.init())
            #expect(all.map(\.text) == ["<script>alert(1)</script> Same text"])
        }
    }

    /// X refuses the post (the brand already said exactly this on X): the post fails with X's
    /// reason, shown on it, and is not tried again.
    @Test func xsRefusalFailsThePostWithItsReason() async throws {
        try await Self.run { d in
            _ = await d.h.fake.world.addPost(FakeXPost(
                id: await d.h.fake.world.nextPostID(), authorID: d.handle.xUserID, text: "Happy holidays from all of us!", createdAt: Date()))
            let created = try await d.create(["handle": d.handle.username, "text": "Happy holidays from all of us!", "due_at": d.iso(d.clock.now.addingTimeInterval(120)), "submit": true]).1
            let id = try #require(created["id"] as? String)
            #expect(try await d.request(.POST, "/api/v1/scheduled-posts/\(id)/approve", headers: d.supervisor).0 == .ok)
            d.clock.advance(by: 120)
            try await d.publishAndSend()
            let body = try await d.request(.GET, "/api/v1/scheduled-posts/\(id)", headers: d.agent).1
            #expect(body["state"] as? String == "failed")
            #expect((body["error"] as? String)?.contains("duplicate_content") == true)
            d.clock.advance(by: 600)
            try await d.publishAndSend()
            #expect(await d.h.requests("/2/tweets").filter { $0.method == "POST" }.count == 1)
        }
    }
}
