import Foundation
import ParleyFakeX
import Testing

@Suite("Timelines and search over the recorded world")
struct TimelineTests {
    @Test func pagingGivesEveryMentionExactlyOnce() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            var seen: [String] = []
            var token: String?
            repeat {
                let q = "?max_results=7" + (token.map { "&pagination_token=\($0)" } ?? "")
                let page = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions\(q)")
                #expect(page.status == 200)
                let json = try page.json()
                let data = json["data"] as? [[String: Any]] ?? []
                let meta = try #require(json["meta"] as? [String: Any])
                #expect(meta["result_count"] as? Int == data.count)
                seen += data.compactMap { $0["id"] as? String }
                token = meta["next_token"] as? String
            } while token != nil
            #expect(seen.count == FakeXSeed.mentionCount)
            #expect(Set(seen).count == seen.count)
            #expect(seen == seen.sorted { $0.count != $1.count ? $0.count > $1.count : $0 > $1 }, "newest first")
        }
    }

    @Test func sinceIDGivesOnlyNewerMentions() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let all = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions?max_results=100").json()
            let ids = (all["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count == FakeXSeed.mentionCount)
            let since = ids[5]
            let newer = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions?max_results=100&since_id=\(since)")
                .json()
            let newerIDs = (newer["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(newerIDs == Array(ids.prefix(5)))
            let none = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions?since_id=\(ids[0])").json()
            #expect(none["data"] == nil)
            #expect((none["meta"] as? [String: Any])?["result_count"] as? Int == 0)
        }
    }

    @Test(arguments: ["4", "101", "ten"])
    func maxResultsOutOfRangeIs400(_ value: String) async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let reply = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions?max_results=\(value)")
            #expect(reply.status == 400)
            let json = try reply.json()
            #expect(json["title"] as? String == "Invalid Request")
            let error = try #require((json["errors"] as? [[String: Any]])?.first)
            #expect((error["parameters"] as? [String: [String]])?["max_results"] == [value])
            #expect(reply.headers.first(name: "x-rate-limit-limit") == "450")
        }
    }

    @Test func expansionsAddIncludesOnlyWhenAsked() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let plain = try await fake.get("/2/users/\(FakeXSeed.brandUserID)/mentions").json()
            #expect(plain["includes"] == nil)
            let first = try #require((plain["data"] as? [[String: Any]])?.first)
            #expect(Set(first.keys) == ["id", "text", "edit_history_tweet_ids"])
            let expanded = try await fake.get(
                "/2/users/\(FakeXSeed.brandUserID)/mentions?expansions=author_id&tweet.fields=created_at,author_id&user.fields=public_metrics"
            ).json()
            let post = try #require((expanded["data"] as? [[String: Any]])?.first)
            let authorID = try #require(post["author_id"] as? String)
            #expect(post["created_at"] is String)
            let users = try #require((expanded["includes"] as? [String: Any])?["users"] as? [[String: Any]])
            #expect(users.contains { $0["id"] as? String == authorID && $0["public_metrics"] != nil })
        }
    }

    @Test func recordedSearchTermFindsTheRecordedPosts() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            var count = 0
            var token: String?
            repeat {
                let q = "?query=\(FakeXSeed.searchTerm)&max_results=10" + (token.map { "&next_token=\($0)" } ?? "")
                let json = try await fake.get("/2/tweets/search/recent\(q)").json()
                count += (json["data"] as? [Any])?.count ?? 0
                token = (json["meta"] as? [String: Any])?["next_token"] as? String
            } while token != nil
            #expect(count == FakeXSeed.searchMatchCount)
        }
    }

    @Test func searchOperatorsCombine() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            func count(_ query: String) async throws -> Int {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
                let reply = try await fake.get("/2/tweets/search/recent?max_results=100&query=\(encoded)")
                #expect(reply.status == 200, "\(query): \(reply.text)")
                return (try reply.json()["data"] as? [Any])?.count ?? 0
            }
            #expect(try await count("tweepy -\"RT @t6dr1ve\"") == 17)
            #expect(try await count("#Tweepy") == 3)
            #expect(try await count("(tweepy OR @Twitter) -tweepy") == FakeXSeed.mentionCount)
            #expect(try await count("@twitter from:fx_author_1") == 1)
        }
    }

    @Test(arguments: ["(tweepy", "tweepy OR", "-tweepy", "is:nonsense tweepy", "\"open"])
    func invalidQueryIs400(_ query: String) async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
            let reply = try await fake.get("/2/tweets/search/recent?query=\(encoded)")
            #expect(reply.status == 400)
            #expect(try reply.json()["title"] as? String == "Invalid Request")
        }
    }

    @Test func usersLookups() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let me = try await fake.get("/2/users/me", bearer: await fake.brandToken()).json()
            #expect((me["data"] as? [String: Any])?["username"] as? String == FakeXSeed.brandUsername)
            let appOnlyMe = try await fake.get("/2/users/me")
            #expect(appOnlyMe.status == 403)
            let byName = try await fake.get("/2/users/by/username/twitter").json()
            #expect((byName["data"] as? [String: Any])?["id"] as? String == FakeXSeed.brandUserID)
            let missing = try await fake.get("/2/users/123").json()
            #expect((missing["errors"] as? [[String: Any]])?.first?["title"] as? String == "Not Found Error")
            let unknownRoute = try await fake.get("/2/nothing/here")
            #expect(unknownRoute.status == 404)
        }
    }
}
