import Foundation
import ParleyCore
import Testing

@testable import ParleyX

/// `XPage.parse` over pages X really sent (tweepy's cassettes, twarc's recorded search pages):
/// the items, cursors and billing, and that every per-item payload reads back through
/// `XPayloadDecoder` as the same post or DM.
@Suite struct XPageRecordedTests {
    static let posts = XPage.Kind.posts(billedAs: .postRead)
    static let dms = XPage.Kind.dmEvents(billedAs: .dmEventRead)
    /// tweepy looked its pages up without `tweet.fields=author_id`; this stands in for the author.
    static let tweepyAuthor = "1072250532645998596"

    /// twarc lines that are whole v2 post pages (`data` an array of posts).
    static let twarcPages: [String] = [
        "2sets.jsonl", "brexit.jsonl", "cashtags.jsonl", "cotweet.jsonl", "edited.jsonl", "edited_after.jsonl",
        "edited_before.jsonl", "entities_test.jsonl", "geo_tweets.jsonl", "kpop.jsonl", "many_urls.jsonl",
        "media_policy_violation_off.jsonl", "media_policy_violation_on.jsonl", "media_tweet.jsonl",
        "mentions_tweet.jsonl", "noflat.jsonl", "quoted_edit.jsonl", "two_tweets.jsonl", "verified_type.jsonl",
        "withheld.jsonl",
    ].map { "twarc-v2-responses/test-data/" + $0 }

    static func body(_ file: String, _ index: Int = 0) throws -> Data {
        try RecordedPayloadsTests.payloads(in: file)[index]
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func ids(_ value: Any?) -> [String] {
        ((value as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }

    // MARK: tweepy

    @Test func mentionsPageGivesTenPostsTheCursorAndBillsOnlyPosts() throws {
        let page = try XPage.parse(
            try Self.body("tweepy-cassettes/v2/test_client_get_users_mentions.json"), kind: Self.posts)
        #expect(page.items.count == 10)
        #expect(page.items.first?.id == "1578516295611748353")
        #expect(page.items.last?.id == "1578516107798884353")
        #expect(page.newestID == "1578516295611748353")
        #expect(page.nextToken == "7140dibdnow9c7btw423i3sy3u5zupmkcpofxcsmxj48j")
        #expect(page.usage == XUsage([.postRead: 10]), "no includes, so no user reads")
        #expect(page.partialErrors == 0)
        #expect(page.rateLimit == nil)
    }

    @Test func searchPageGivesItsCursorAndNewestID() throws {
        let page = try XPage.parse(
            try Self.body("tweepy-cassettes/v2/test_client_search_recent_tweets.json"), kind: Self.posts)
        #expect(page.items.count == 10)
        #expect(page.newestID == "1578516068309794817")
        #expect(page.nextToken == "b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul")
        #expect(page.usage[.postRead] == 10)
        #expect(page.usage[.userRead] == 0)
    }

    @Test(arguments: ["test_client_get_users_mentions.json", "test_client_search_recent_tweets.json"])
    func everyTweepyItemDecodesAsTheSamePost(file: String) throws {
        let body = try Self.body("tweepy-cassettes/v2/" + file)
        let page = try XPage.parse(body, kind: Self.posts)
        let whole = try XPayloadDecoder.decode(body, assumedAuthorID: Self.tweepyAuthor)
        var pieces: [String] = []
        for item in page.items {
            let payload = try Self.object(item.payload)
            let data = try #require(payload["data"] as? [String: Any])
            #expect(data["id"] as? String == item.id)
            #expect((payload["includes"] as? [String: Any])?.isEmpty == true)
            let decoded = try XPayloadDecoder.decode(item.payload, assumedAuthorID: Self.tweepyAuthor)
            #expect(decoded.kind == .v2Post)
            #expect(decoded.externalID == "post:\(item.id)")
            #expect(decoded.event.posts.map(\.id) == [item.id])
            pieces += decoded.event.posts.map(\.id)
        }
        #expect(pieces == whole.event.posts.map(\.id))
    }

    @Test func dmPageSplitsIntoOneEventPayloadsBilledAsDMEvents() throws {
        let body = try Self.body("tweepy-cassettes/v2/test_manage_and_lookup_direct_messages.json", 4)
        let page = try XPage.parse(body, kind: Self.dms)
        #expect(page.items.map(\.id) == ["1585800613752881156", "1585800613253812228"])
        #expect(page.nextToken == "18LAA5G1SL0NR5OG0G00ZZZZ")
        #expect(page.newestID == "1585800613752881156", "no meta.newest_id: the first (newest) event")
        #expect(page.usage == XUsage([.dmEventRead: 2]))
        for item in page.items {
            let payload = try Self.object(item.payload)
            let data = try #require(payload["data"] as? [[String: Any]], "a DM item keeps data an array")
            #expect(data.count == 1)
            #expect(data.first?["id"] as? String == item.id)
            let decoded = try XPayloadDecoder.decode(item.payload)
            #expect(decoded.kind == .v2DMPage)
            #expect(decoded.externalID == "dm:\(item.id)")
            // tweepy asked for no dm_event.fields: the event is recognised and skipped, not guessed.
            #expect(decoded.skipped == [XSkippedItem(path: "data[0]", reason: "missing sender_id")])
        }
    }

    @Test func emptyDMPageHasNoItemsNoUsageAndNoNewestID() throws {
        let body = try Self.body("tweepy-cassettes/v2/test_manage_and_lookup_direct_messages.json", 3)
        let page = try XPage.parse(body, kind: Self.dms)
        #expect(page.items.isEmpty)
        #expect(page.newestID == nil)
        #expect(page.nextToken == nil)
        #expect(page.usage.isEmpty)
    }

    // MARK: twarc

    @Test func twoTweetsCarriesTheRetweetAndBothUsersInItsItem() throws {
        let page = try XPage.parse(try Self.body("twarc-v2-responses/test-data/two_tweets.jsonl"), kind: Self.posts)
        #expect(page.items.map(\.id) == ["1394735776701816833"])
        #expect(page.newestID == "1394735776701816833")
        #expect(page.usage == XUsage([.postRead: 1, .userRead: 2]))
        let payload = try Self.object(try #require(page.items.first).payload)
        let includes = try #require(payload["includes"] as? [String: Any])
        #expect(Set(Self.ids(includes["users"])) == ["1379899464345923590", "1380086327023169540"])
        #expect(Self.ids(includes["tweets"]) == ["1391677057810288641"])
        #expect(includes["media"] == nil)
        #expect(payload["meta"] == nil && payload["__twarc"] == nil, "only data and includes are kept")
    }

    /// Its `includes.tweets` also holds the page's own post; the item refers only to the retweeted one.
    @Test func mentionsTweetItemHoldsOnlyTheRetweetedPost() throws {
        let page = try XPage.parse(try Self.body("twarc-v2-responses/test-data/mentions_tweet.jsonl"), kind: Self.posts)
        let item = try #require(page.items.first)
        #expect(item.id == "1589681856941002753")
        #expect(page.newestID == "1589681856941002753")
        #expect(page.nextToken == nil)
        let includes = try #require(try Self.object(item.payload)["includes"] as? [String: Any])
        #expect(Self.ids(includes["tweets"]) == ["1589671906718134272"])
        #expect(Set(Self.ids(includes["users"])) == ["68401342", "1221317221714157569"])
        #expect(page.usage == XUsage([.postRead: 1, .userRead: 2]))
    }

    /// Counts computed by a separate Python pass over the file.
    @Test func brexitPageSplitsIntoHundredItemsWithTheirOwnIncludes() throws {
        let page = try XPage.parse(try Self.body("twarc-v2-responses/test-data/brexit.jsonl"), kind: Self.posts)
        #expect(page.items.count == 100)
        #expect(page.newestID == "1440716895355764743")
        #expect(page.nextToken == "b26v89c19zqg8o3fpds60ssjif02fq74br3502of8hmrh")
        #expect(page.usage == XUsage([.postRead: 100, .userRead: 177]))
        #expect(page.partialErrors == 0)
        var referencedPosts = 0
        for item in page.items {
            let includes = try #require(try Self.object(item.payload)["includes"] as? [String: Any])
            let users = Self.ids(includes["users"])
            #expect(Set(users).count == users.count, "users are not repeated within an item")
            #expect(users.count < 177)
            referencedPosts += Self.ids(includes["tweets"]).count
        }
        #expect(referencedPosts == 88)
    }

    @Test func partialErrorsAreCounted() throws {
        let kpop = try XPage.parse(try Self.body("twarc-v2-responses/test-data/kpop.jsonl"), kind: Self.posts)
        #expect(kpop.partialErrors == 1)
        #expect(kpop.usage == XUsage([.postRead: 100, .userRead: 112]))
        let entities = try XPage.parse(try Self.body("twarc-v2-responses/test-data/entities_test.jsonl"), kind: Self.posts)
        #expect(entities.partialErrors == 11)
        #expect(entities.items.count == 474)
        #expect(entities.usage == XUsage([.postRead: 474, .userRead: 612]))
    }

    @Test func ownedReadsBillTheWholePageAsOwnedAndNoUsers() throws {
        let page = try XPage.parse(
            try Self.body("twarc-v2-responses/test-data/brexit.jsonl"), kind: .posts(billedAs: .ownedRead))
        #expect(page.usage == XUsage([.ownedRead: 100]))
        #expect(page.items.count == 100)
    }

    /// Decoding the pieces gives exactly what decoding the whole page gives: nothing an item needs
    /// (its author, the authors of the posts it quotes or retweets) is lost in the split.
    @Test(arguments: twarcPages)
    func itemsDecodeToTheSamePostsAsTheirPage(file: String) throws {
        for body in try RecordedPayloadsTests.payloads(in: file) {
            let page = try XPage.parse(body, kind: Self.posts)
            let whole = try XPayloadDecoder.decode(body)
            #expect(page.items.count == whole.event.posts.count)
            var posts: [InboundPost] = []
            var userIDs = Set<String>()
            for item in page.items {
                let decoded = try XPayloadDecoder.decode(item.payload)
                #expect(decoded.kind == .v2Post)
                #expect(decoded.externalID == "post:\(item.id)")
                #expect(decoded.event.posts.map(\.id) == [item.id])
                posts += decoded.event.posts
                userIDs.formUnion(decoded.event.users.map(\.id))
            }
            #expect(posts.map(\.id) == whole.event.posts.map(\.id))
            let changed = zip(posts, whole.event.posts).filter { $0 != $1 }.map(\.0.id)
            #expect(changed == [], "posts that lost something in the split")
            #expect(userIDs.isSubset(of: Set(whole.event.users.map(\.id))))
            #expect(page.usage[.userRead] == userIDs.count, "the users billed are the users the items carry")
        }
    }

    /// Pages recorded before X put `id` in `entities.mentions` name mentioned users by username
    /// only. X still returns (and bills) those users in `includes.users`; 178 distinct users came
    /// back on this page (counted by a separate Python pass), but only the 163 reachable by id are billed.
    @Test func everyIncludedUserIsBilledWhenMentionsCarryOnlyUsernames() throws {
        let page = try XPage.parse(try Self.body("twarc-v2-responses/test-data/noflat.jsonl"), kind: Self.posts)
        #expect(page.items.count == 100)
        #expect(page.partialErrors == 1)
        #expect(page.usage[.userRead] == 178)
    }

    @Test func responseParseKeepsTheRateLimitWindow() throws {
        let window = XRateLimit(limit: 450, remaining: 0, resetAt: Date(timeIntervalSince1970: 1_700_000_000))
        let response = XResponse(
            status: 200, body: try Self.body("twarc-v2-responses/test-data/two_tweets.jsonl"), rateLimit: window)
        let page = try XPage.parse(response, kind: Self.posts)
        #expect(page.rateLimit == window)
        #expect(page.items.count == 1)
    }
}
