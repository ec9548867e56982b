import AsyncHTTPClient
import Foundation
import ParleyFakeX
import Testing

@Suite("Filtered stream")
struct StreamTests {
    static func post(_ fake: FakeX, _ text: String) async -> String {
        await fake.world.addPost(
            FakeXPost(id: await fake.world.nextPostID(), authorID: FakeXSeed.customerUserID, text: text, createdAt: Date()))
    }

    @Test func rulesAddListDelete() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let added = try await addRule(fake, "@Twitter -is:retweet", tag: "brand")
            #expect(added.status == 201)
            let rule = try #require((try added.json()["data"] as? [[String: Any]])?.first)
            let id = try #require(rule["id"] as? String)
            #expect(rule["tag"] as? String == "brand")
            let duplicate = try await addRule(fake, "@Twitter -is:retweet", tag: "again")
            #expect((try duplicate.json()["errors"] as? [[String: Any]])?.first?["title"] as? String == "DuplicateRule")
            let invalid = try await addRule(fake, "(unbalanced", tag: "bad")
            #expect(invalid.status == 400)
            let dry = try await fake.send(
                .POST, "/2/tweets/search/stream/rules?dry_run=true", bearer: "fake-app-bearer",
                json: ["add": [["value": "refund", "tag": "dry"]]])
            #expect(dry.status == 201)
            let list = try await fake.get("/2/tweets/search/stream/rules").json()
            #expect((list["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let deleted = try await fake.send(
                .POST, "/2/tweets/search/stream/rules", bearer: "fake-app-bearer", json: ["delete": ["ids": [id]]])
            let summary = (try deleted.json()["meta"] as? [String: Any])?["summary"] as? [String: Any]
            #expect(summary?["deleted"] as? Int == 1)
            #expect(try await fake.get("/2/tweets/search/stream/rules", bearer: await fake.brandToken()).status == 403)
        }
    }

    @Test func deliversMatchingPostsAndKeepAlives() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            _ = try await addRule(fake, "@Twitter", tag: "brand")
            let (response, reader) = try await openStream(fake, query: "?expansions=author_id&tweet.fields=author_id")
            #expect(response.status == .ok)
            #expect(await fake.world.streamConnections() == 1)
            let second = try await fake.get("/2/tweets/search/stream")
            #expect(second.status == 429)
            #expect(try second.json()["connection_issue"] as? String == "TooManyConnections")

            _ = await Self.post(fake, "nothing to see")
            let id = await Self.post(fake, "@Twitter my app crashes")
            try await reader.wait { text, _ in text.contains("my app crashes") }
            try await reader.wait { text, _ in text.hasSuffix("\r\n\r\n") || text.hasPrefix("\r\n") }
            let lines = await reader.text.split(separator: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 1)
            let line = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect((line["data"] as? [String: Any])?["id"] as? String == id)
            #expect((line["data"] as? [String: Any])?["author_id"] as? String == FakeXSeed.customerUserID)
            #expect((line["matching_rules"] as? [[String: Any]])?.first?["tag"] as? String == "brand")
            #expect(((line["includes"] as? [String: Any])?["users"] as? [Any])?.count == 1)
            await reader.cancel()
        }
    }

    @Test func cutMidLineLeavesAPartialLine() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            _ = try await addRule(fake, "refund", tag: "r")
            await fake.world.inject(.streamCutMidLine(afterLines: 1), path: "/2/tweets/search/stream")
            let (_, reader) = try await openStream(fake)
            _ = await Self.post(fake, "refund one")
            try await reader.wait { text, _ in text.contains("refund one") }
            _ = await Self.post(fake, "refund two")
            try await reader.wait { _, ended in ended }
            let text = await reader.text
            #expect(text.contains("refund one"))
            #expect(!text.hasSuffix("\r\n"))
            let last = try #require(text.components(separatedBy: "\r\n").last)
            #expect(last.hasPrefix("{\"data\""))
            #expect((try? JSONSerialization.jsonObject(with: Data(last.utf8))) == nil)
            try await waitUntil { await fake.world.streamConnections() == 0 }
        }
    }

    @Test func disconnectEndsCleanlyAndAllowsReconnect() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            _ = try await addRule(fake, "refund", tag: "r")
            await fake.world.inject(.streamDisconnect(afterLines: 1), path: "/2/tweets/search/stream")
            let (_, reader) = try await openStream(fake)
            _ = await Self.post(fake, "refund please")
            try await reader.wait { _, ended in ended }
            #expect(await reader.failed == false)
            #expect(await reader.text.hasSuffix("\r\n"))
            try await waitUntil { await fake.world.streamConnections() == 0 }
            let (again, second) = try await openStream(fake)
            #expect(again.status == .ok)
            await second.cancel()
        }
    }

    @Test func stallSendsNothingMoreButStaysOpen() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            _ = try await addRule(fake, "refund", tag: "r")
            await fake.world.inject(.streamStall(afterLines: 1), path: "/2/tweets/search/stream")
            let (_, reader) = try await openStream(fake)
            _ = await Self.post(fake, "refund one")
            try await reader.wait { text, _ in text.contains("refund one") }
            let atStall = await reader.bytes.count
            _ = await Self.post(fake, "refund two")
            try await Task.sleep(for: .milliseconds(600))
            #expect(await reader.bytes.count == atStall, "no lines and no keep-alives")
            #expect(await reader.ended == false)
            #expect(await fake.world.streamConnections() == 1)
            let (replacement, second) = try await openStream(fake)
            #expect(replacement.status == .ok, "a stalled connection is replaced")
            await second.cancel()
            await reader.cancel()
        }
    }
}

func waitUntil(seconds: Double = 5, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met in \(seconds) s")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
