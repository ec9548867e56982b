import Foundation
import ParleyFakeX
import Testing

@Suite("Posting, replies and DMs")
struct PostingTests {
    @Test func createdPostJoinsTheWorld() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let customer = await fake.world.issueUserToken(for: FakeXSeed.customerUserID).accessToken
            let created = try await fake.send(
                .POST, "/2/tweets", bearer: customer, json: ["text": "@Twitter my order never arrived"])
            #expect(created.status == 201)
            let id = try #require((try created.json()["data"] as? [String: Any])?["id"] as? String)
            let mentions = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions?max_results=5").json()
            #expect((mentions["data"] as? [[String: Any]])?.first?["id"] as? String == id)
            let own = try await fake.get("/2/users/\(FakeXSeed.customerUserID)/tweets").json()
            #expect((own["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])

            let reply = try await fake.send(
                .POST, "/2/tweets", bearer: await fake.brandToken(),
                json: ["text": "Sorry to hear that, please DM us", "reply": ["in_reply_to_tweet_id": id]])
            #expect(reply.status == 201)
            let brandPosts = await fake.world.posts(by: FakeXSeed.brandUserID)
            let sent = try #require(brandPosts.first)
            #expect(sent.inReplyToUserID == FakeXSeed.customerUserID)
            #expect(sent.conversationID == id)
            #expect(sent.referencedTweets == [FakeXReference(type: "replied_to", id: id)])
        }
    }

    @Test func duplicateTextIs403() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let token = await fake.brandToken()
            let first = try await fake.send(.POST, "/2/tweets", bearer: token, json: ["text": "We are on it"])
            #expect(first.status == 201)
            let again = try await fake.send(.POST, "/2/tweets", bearer: token, json: ["text": "We are on it"])
            #expect(again.status == 403)
            #expect(try again.json()["detail"] as? String == "You are not allowed to create a Tweet with duplicate content.")
        }
    }

    @Test func refusedPosts() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let token = await fake.brandToken()
            let restricted = await fake.world.addPost(
                FakeXPost(
                    id: await fake.world.nextPostID(), authorID: FakeXSeed.customerUserID, text: "only friends",
                    createdAt: Date(), replyRestricted: true))
            let locked = try await fake.send(
                .POST, "/2/tweets", bearer: token, json: ["text": "hi", "reply": ["in_reply_to_tweet_id": restricted]])
            #expect(locked.status == 403)
            #expect((try locked.json()["detail"] as? String)?.hasPrefix("Reply to this conversation is not allowed") == true)
            let unknown = try await fake.send(
                .POST, "/2/tweets", bearer: token, json: ["text": "hi", "reply": ["in_reply_to_tweet_id": "1"]])
            #expect(unknown.status == 403)
            let long = try await fake.send(.POST, "/2/tweets", bearer: token, json: ["text": String(repeating: "a", count: 281)])
            #expect(long.status == 403)
            let empty = try await fake.send(.POST, "/2/tweets", bearer: token, json: ["text": ""])
            #expect(empty.status == 400)
            let appOnly = try await fake.send(.POST, "/2/tweets", bearer: "fake-app-bearer", json: ["text": "x"])
            #expect(appOnly.status == 403)
            #expect(try appOnly.json()["title"] as? String == "Unsupported Authentication")
        }
    }

    @Test func revokedAndUnknownTokensAre401() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let token = await fake.brandToken()
            #expect(try await fake.get("/2/users/me", bearer: token).status == 200)
            await fake.world.revoke(token: token)
            let revoked = try await fake.get("/2/users/me", bearer: token)
            #expect(revoked.status == 401)
            #expect(try revoked.json()["title"] as? String == "Unauthorized")
            #expect(try await fake.get("/2/users/me", bearer: nil).status == 401)
            #expect(try await fake.get("/2/users/me", bearer: "made-up").status == 401)
        }
    }

    @Test func directMessages() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let token = await fake.brandToken()
            let inbox = try await fake.get("/2/dm_events?expansions=sender_id&dm_event.fields=sender_id", bearer: token)
                .json()
            let events = try #require(inbox["data"] as? [[String: Any]])
            #expect(events.count == FakeXSeed.dmEventCount)
            #expect(events.allSatisfy { $0["sender_id"] as? String == FakeXSeed.customerUserID })
            #expect(((inbox["includes"] as? [String: Any])?["users"] as? [Any])?.count == 1)

            let sent = try await fake.send(
                .POST, "/2/dm_conversations/with/\(FakeXSeed.customerUserID)/messages", bearer: token,
                json: ["text": "Could you share your order number?"])
            #expect(sent.status == 201)
            let data = try #require(try sent.json()["data"] as? [String: Any])
            #expect(data["dm_conversation_id"] as? String == "\(FakeXSeed.brandUserID)-\(FakeXSeed.customerUserID)")
            let after = try await fake.get("/2/dm_events?max_results=1", bearer: token).json()
            #expect((after["data"] as? [[String: Any]])?.first?["id"] as? String == data["dm_event_id"] as? String)
            #expect((after["meta"] as? [String: Any])?["next_token"] != nil)

            await fake.world.addUser(FakeXUser(id: "42", username: "closed", dmsOpen: false))
            let closed = try await fake.send(
                .POST, "/2/dm_conversations/with/42/messages", bearer: token, json: ["text": "hello"])
            #expect(closed.status == 403)
            let long = try await fake.send(
                .POST, "/2/dm_conversations/with/\(FakeXSeed.customerUserID)/messages", bearer: token,
                json: ["text": String(repeating: "a", count: 10_001)])
            #expect(long.status == 400)
            #expect(try await fake.get("/2/dm_events").status == 403, "app-only")
        }
    }

    @Test func v2LinesFromParleysEncoder() async throws {
        try await withFakeX(FakeX.Options(seedRecorded: false)) { (fake: FakeX) async throws in
            let post = #"{"data":{"author_id":"77","conversation_id":"1600000000000000000","created_at":"2022-12-06T10:00:00.000Z","edit_history_tweet_ids":["1600000000000000000"],"id":"1600000000000000000","text":"@acme where is my parcel?"},"includes":{"users":[{"id":"77","name":"Cu Stomer","username":"cust","verified":false}]}}"#
            await fake.world.addUser(FakeXUser(id: "5", username: "acme"))
            try await fake.world.addV2Line(Data(post.utf8))
            let mentions = try await fake.get("/2/users/5/mentions?expansions=author_id").json()
            #expect((mentions["data"] as? [[String: Any]])?.first?["id"] as? String == "1600000000000000000")
            let dm = #"{"data":[{"created_at":"2022-12-06T10:00:00.000Z","dm_conversation_id":"5-77","event_type":"MessageCreate","id":"1600000000000000001","sender_id":"77","text":"hello"}],"includes":{"users":[{"id":"77","name":"Cu Stomer","username":"cust"}]}}"#
            try await fake.world.addV2Line(Data(dm.utf8))
            let events = await fake.world.dmEvents()
            #expect(events.map(\.recipientID) == ["5"])
            #expect(Int(await fake.world.nextPostID())! > 1_600_000_000_000_000_001)
            await #expect(throws: FakeXError.self) { try await fake.world.addV2Line(Data(#"{"meta":{}}"#.utf8)) }
        }
    }

    @Test func requestLogRecordsEveryRequest() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let token = await fake.brandToken()
            _ = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions?since_id=1", bearer: token)
            _ = try await fake.get("/2/users/me", bearer: nil)
            let log = await fake.world.requests()
            #expect(log.count == 2)
            #expect(log[0].route == "/2/users/:id/mentions")
            #expect(log[0].path == "/2/users/\(FakeXSeed.brandUserID)/mentions")
            #expect(log[0].query == ["since_id": "1"])
            #expect(log[0].auth == .userBearer(userID: FakeXSeed.brandUserID))
            #expect(log[0].status == 200)
            #expect(log[1].auth == FakeXAuth.none)
            #expect(log[1].status == 401)
            await fake.world.clearRequests()
            #expect(await fake.world.requests().isEmpty)
        }
    }
}
