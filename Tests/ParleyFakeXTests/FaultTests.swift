import AsyncHTTPClient
import Foundation
import ParleyFakeX
import Testing

@Suite("Injected faults")
struct FaultTests {
    static let mentions = "/2/users/:id/mentions"
    var path: String { "/2/users/\(FakeXSeed.brandUserID)/mentions" }

    @Test func rateLimitedThenNormal() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            await fake.world.inject(.rateLimited(resetIn: 60), path: Self.mentions)
            let before = Int(Date().timeIntervalSince1970)
            let limited = try await fake.get(path)
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "x-rate-limit-remaining") == "0")
            let after = Int(Date().timeIntervalSince1970)
            let reset = try #require(Int(limited.headers.first(name: "x-rate-limit-reset") ?? ""))
            #expect((before + 60)...(after + 61) ~= reset)
            #expect(try limited.json()["title"] as? String == "Too Many Requests")
            #expect(try await fake.get(path).status == 200)
        }
    }

    @Test func statusFaults() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            await fake.world.inject(.serviceUnavailable, path: Self.mentions)
            await fake.world.inject(.unauthorized, path: Self.mentions)
            await fake.world.inject(.forbidden(detail: "suspended"), path: Self.mentions)
            await fake.world.inject(.htmlErrorPage, path: Self.mentions)
            let unavailable = try await fake.get(path)
            #expect(unavailable.status == 503)
            #expect(try unavailable.json()["title"] as? String == "Service Unavailable")
            #expect(try await fake.get(path).status == 401)
            let forbidden = try await fake.get(path)
            #expect(forbidden.status == 403)
            #expect(try forbidden.json()["detail"] as? String == "suspended")
            let html = try await fake.get(path)
            #expect(html.status == 502)
            #expect(html.headers.first(name: "content-type")?.hasPrefix("text/html") == true)
            #expect(html.text.contains("Over capacity"))
        }
    }

    @Test func bodyFaults() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let normal = try await fake.get(path + "?max_results=5")
            await fake.world.inject(.emptyBody, path: Self.mentions)
            await fake.world.inject(.partialJSON, path: Self.mentions)
            await fake.world.inject(.wrongTypes, path: Self.mentions)
            let empty = try await fake.get(path + "?max_results=5")
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
            let partial = try await fake.get(path + "?max_results=5")
            #expect(partial.status == 200)
            #expect(partial.body == normal.body.prefix(normal.body.count / 2))
            #expect((try? JSONSerialization.jsonObject(with: partial.body)) == nil)
            let wrong = try await fake.get(path)
            #expect(wrong.status == 200)
            #expect(try wrong.json()["data"] as? String == "oops")
        }
    }

    @Test func slowAnswersAfterTheDelay() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            await fake.world.inject(.slow(0.3), path: Self.mentions)
            let start = ContinuousClock.now
            let reply = try await fake.get(path)
            #expect(reply.status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test func dropConnectionGivesNoResponse() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            await fake.world.inject(.dropConnection, path: Self.mentions)
            await #expect(throws: (any Error).self) { _ = try await fake.get(path) }
            let after = try await fake.get(path)
            #expect(after.status == 200)
            #expect(await fake.world.requests().map(\.status) == [0, 200])
        }
    }

    @Test func faultsCountDownAndStayOnTheirRoute() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            await fake.world.inject(.serviceUnavailable, path: Self.mentions, times: 2)
            let other = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/tweets")
            #expect(other.status == 200)
            var statuses: [Int] = []
            for _ in 0..<3 { statuses.append(try await fake.get(path).status) }
            #expect(statuses == [503, 503, 200])
        }
    }

    @Test func rateLimitCountsPerEndpointAndToken() async throws {
        try await withFakeX(FakeX.Options(rateLimit: 2)) { (fake: FakeX) async throws in
            let first = try await fake.get(path)
            #expect(first.headers.first(name: "x-rate-limit-remaining") == "1")
            #expect(try await fake.get(path).status == 200)
            let third = try await fake.get(path)
            #expect(third.status == 429)
            #expect(third.headers.first(name: "x-rate-limit-remaining") == "0")
            #expect(try await fake.get(path, bearer: await fake.brandToken()).status == 200, "another token")
            #expect(try await fake.get("/2/users/\(FakeXSeed.brandUserID)/tweets").status == 200, "another endpoint")
        }
    }
}
