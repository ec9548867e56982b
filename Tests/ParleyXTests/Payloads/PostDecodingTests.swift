import Foundation
import ParleyCore
import Testing

@testable import ParleyX

/// Posts, users and pages from API v2 and v1.1, checked field by field on recorded payloads.
@Suite struct PostDecodingTests {
    static func twarc(_ name: String, line: Int = 0) throws -> XDecodedPayload {
        let lines = SharedData.lines(try SharedData.bytes("twarc-v2-responses/test-data/" + name))
        return try XPayloadDecoder.decode(lines[line])
    }

    static func json(_ text: String) throws -> XDecodedPayload {
        try XPayloadDecoder.decode(Data(text.utf8))
    }

    // MARK: edits

    @Test func theEditedVersionListsItsWholeHistory() throws {
        let post = try #require(try Self.twarc("edited_after.jsonl").event.posts.first)
        #expect(post.id == "1576994789110992896")
        #expect(post.editHistory == ["1576994746135764992", "1576994789110992896"])
        #expect(post.originalID == "1576994746135764992")
    }

    /// X gives the old version the full history, newer ids included; the decoder keeps the
    /// versions up to this one so the pipeline does not take the old text for the newest.
    @Test func theOriginalVersionLookedUpAfterAnEditEndsItsHistoryAtItself() throws {
        let decoded = try Self.twarc("edited_before.jsonl")
        let post = try #require(decoded.event.posts.first)
        #expect(post.id == "1576994746135764992")
        #expect(post.editHistory == ["1576994746135764992"])
        #expect(post.originalID == "1576994746135764992")
        #expect(decoded.event.posts.count == 1, "includes.tweets holds both versions; neither is delivered")
    }

    // MARK: long posts

    @Test func noteTweetTextAndEntitiesReplaceTheTruncatedOnes() throws {
        let decoded = try Self.json("""
            {"data":{"id":"1600000000000000001","author_id":"9","created_at":"2022-12-06T10:00:00.000Z",
             "text":"The first 280 characters… https://t.co/x","entities":{"mentions":[{"start":0,"end":6,"username":"Other"}]},
             "note_tweet":{"text":"The whole long post, @AcmeCare","entities":{"mentions":[{"start":20,"end":30,"username":"AcmeCare","id":"7"}]}}}}
            """)
        let post = try #require(decoded.event.posts.first)
        #expect(post.text == "The whole long post, @AcmeCare")
        #expect(post.mentionedUsernames == ["AcmeCare"])
    }

    // MARK: references

    @Test func aQuoteTakesItsAuthorFromIncludesTweets() throws {
        let decoded = try Self.twarc("quoted_edit.jsonl")
        #expect(decoded.kind == .v2Page)
        #expect(decoded.event.posts.count == 1)
        let post = try #require(decoded.event.posts.first)
        #expect(post.id == "1576995594388000768")
        #expect(post.authorID == "1494167419413094401")
        #expect(post.quotedPostID == "1576994746135764992")
        #expect(post.quotedAuthorID == "337119125")
        #expect(post.inReplyToPostID == "1576994789110992896")
        #expect(post.inReplyToUserID == "337119125")
        #expect(post.conversationID == "1576994789110992896")
        #expect(post.mentionedUsernames == ["wongmjane"])
        #expect(post.createdAt == Date(timeIntervalSince1970: 1_664_820_023))
        #expect(post.retweetedPostID == nil)
        #expect(Set(decoded.event.users.map(\.username)) == ["dappdavid99", "wongmjane"])
    }

    @Test func aRetweetTakesItsAuthorFromIncludesTweets() throws {
        let post = try #require(try Self.twarc("mentions_tweet.jsonl").event.posts.first)
        #expect(post.retweetedPostID == "1589671906718134272")
        #expect(post.retweetedAuthorID == "1221317221714157569")
        #expect(post.quotedPostID == nil)
        let brexit = try Self.twarc("brexit.jsonl").event.posts[1]
        #expect(brexit.retweetedPostID == "1440713161355583489")
        #expect(brexit.retweetedAuthorID == "711945679")
    }

    @Test func aFlattenedPostCarriesItsAuthorsInline() throws {
        let decoded = try Self.twarc("flat.jsonl")
        #expect(decoded.kind == .v2Post)
        #expect(decoded.externalID == "post:1380242611781386245")
        let post = try #require(decoded.event.posts.first)
        #expect(post.authorID == "1352661060663336960")
        #expect(post.retweetedPostID == "1380175475545362437")
        #expect(post.retweetedAuthorID == "2718660392")
        #expect(decoded.event.users.map(\.username).contains("williamserafino"))
        #expect(decoded.event.users.first?.id == "1352661060663336960")
    }

    @Test func aReplyOnTheStreamNamesItsParentAndConversation() throws {
        let decoded = try Self.twarc("streaming_output_with_error.jsonl", line: 1)
        #expect(decoded.kind == .v2Post)
        #expect(decoded.externalID == "post:1377650093109743620")
        let post = try #require(decoded.event.posts.first)
        #expect(post.inReplyToPostID == "1377266697850257410")
        #expect(post.inReplyToUserID == "601852746")
        #expect(post.conversationID == "1377266697850257410")
        #expect(post.matchingTags == [], "the rule's tag is null")
        #expect(decoded.event.users.map(\.id) == ["3026521093", "601852746"])
    }

    @Test func matchingRuleTagsTagEveryPostOfTheLine() throws {
        let decoded = try Self.json("""
            {"data":{"id":"1600000000000000002","text":"@AcmeCare help","author_id":"9"},
             "matching_rules":[{"id":"1","tag":"handle:AcmeCare"},{"id":2,"tag":null},{"id":"3","tag":""},{"id":"4"}]}
            """)
        #expect(decoded.event.posts.first?.matchingTags == ["handle:AcmeCare"])
    }

    // MARK: v1.1

    static func v1(_ name: String) throws -> XDecodedPayload {
        try XPayloadDecoder.decode(try SharedData.bytes("x-api-official/v1.1-tweet-object-examples/" + name))
    }

    @Test func aV1ReplyReadsTheStringIDsNotTheRoundedNumbers() throws {
        let decoded = try Self.v1("post_reply.json")
        #expect(decoded.kind == .v1Tweet)
        #expect(decoded.externalID == "post:1296887316556980230")
        let post = try #require(decoded.event.posts.first)
        #expect(post.id == "1296887316556980230")
        #expect(post.authorID == "2244994945")
        #expect(post.inReplyToPostID == "1296887091901718529")
        #expect(post.inReplyToUserID == "2244994945")
        #expect(post.mentionedUsernames == ["PennMedCDH"])
        #expect(post.createdAt == Date(timeIntervalSince1970: 1_598_037_005))  // Fri Aug 21 19:10:05 +0000 2020
        #expect(post.lang == "en")
        #expect(decoded.event.users == [InboundUser(
            id: "2244994945", username: "XDevelopers", name: "X Dev", followersCount: 512_292, verified: true,
            profileImageURL: "https://pbs.twimg.com/profile_images/1283786620521652229/lEODkLTh_normal.jpg",
            bio: "The voice of the #XDevelopers team and your official source for updates, news, and events, related to the #XAPI.")])
    }

    @Test func aTruncatedV1PostTakesItsTextFromExtendedTweet() throws {
        let post = try #require(try Self.v1("extended_post.json").event.posts.first)
        #expect(post.text.hasPrefix("The hide replies endpoint is launching today!"))
        #expect(!post.text.hasSuffix("…"))
        #expect(post.text.count > 140)
    }

    @Test func aV1QuoteNamesTheQuotedPostAndItsAuthor() throws {
        let post = try #require(try Self.v1("quote_tweet.json").event.posts.first)
        #expect(post.quotedPostID == "1327011423252144128")
        #expect(post.quotedAuthorID == "2244994945")
        #expect(post.retweetedPostID == nil)
    }

    @Test func aV1RetweetNamesTheRetweetedPostAndItsAuthor() throws {
        let decoded = try Self.v1("retweet.json")
        let post = try #require(decoded.event.posts.first)
        #expect(post.retweetedPostID == "1229843515603144704")
        #expect(post.retweetedAuthorID == "857699969263964161")
        #expect(decoded.event.users.map(\.id) == ["2244994945", "857699969263964161"])
    }

    @Test func aRetweetOfAQuoteIsARetweetOnly() throws {
        let post = try #require(try Self.v1("retweeted_quote_tweet.json").event.posts.first)
        #expect(post.retweetedPostID == "1224709550214873090")
        #expect(post.retweetedAuthorID == "1102321381")
        #expect(post.quotedPostID == nil)
    }

    @Test func accountActivityLongformTakesMentionsFromExtendedTweet() throws {
        let template = try SharedData.bytes("x-api-official/account-activity-examples/tweet_create_events_longform.template.txt")
        let decoded = try XPayloadDecoder.decode(try RecordedPayloadsTests.filledTemplate(template))
        let post = try #require(decoded.event.posts.first)
        #expect(post.id == "1924465506158878979")
        #expect(post.mentionedUsernames == ["xai", "HistoryInPics"])
        #expect(post.text.hasSuffix("island of Antikythera..."))
        #expect(decoded.forUserID == "1603419180975409153")
        #expect(decoded.externalID == "aa:1603419180975409153:tweet:1924465506158878979")
    }

    @Test func accountActivityPostsAreKeyedByDeliveryAndPost() throws {
        let decoded = try XPayloadDecoder.decode(
            try SharedData.bytes("x-api-official/account-activity-examples/DERIVED_tweet_create_events_mention_reply.json"))
        #expect(decoded.kind == .accountActivity)
        #expect(decoded.externalID == "aa:2244994945:tweet:1296887316556980230")
        #expect(decoded.event.posts.map(\.id) == ["1296887316556980230"])
    }

    // MARK: users and pages

    @Test func usersCarryReachAndVerification() throws {
        let decoded = try Self.twarc("verified_type.jsonl")
        let user = try #require(decoded.event.users.first)
        #expect(user.id == "2244994945")
        #expect(user.username == "TwitterDev")
        #expect(user.verified)
        #expect(user.followersCount == 556_601)
        #expect(user.profileImageURL == "https://pbs.twimg.com/profile_images/1445764922474827784/W2zEPN7U_normal.jpg")
    }

    @Test func aUserLookupPageDeduplicatesAndKeepsItsErrors() throws {
        let decoded = try Self.twarc("users.jsonl")
        #expect(decoded.kind == .v2Users)
        #expect(decoded.event.posts.isEmpty, "pinned posts in includes.tweets are not delivered")
        #expect(decoded.event.users.count == 91)  // 96 entries; the request named some ids twice
        #expect(Set(decoded.event.users.map(\.id)).count == 91)
        #expect(decoded.problems.count == 8)
        #expect(decoded.problems.first?.resourceType == "tweet")
        #expect(decoded.problems.first?.parameter == "pinned_tweet_id")
    }

    @Test func aSearchPageKeepsItsMetaAndPartialErrors() throws {
        let decoded = try Self.twarc("2sets.jsonl")
        #expect(decoded.event.posts.count == 100)
        #expect(decoded.meta == XPageMeta(
            newestID: "1440717170493689866", oldestID: "1440715923816546309", resultCount: 100,
            nextToken: "b26v89c19zqg8o3fpds60ssjlg8rrux0bxoa7beulbhbx"))
        #expect(decoded.problems.count == 1)
        #expect(decoded.externalID == nil, "a page of many posts has no natural id")
    }

    @Test func aPageWithOnlyErrorsHasNoPostsAndCountsItsErrors() throws {
        let decoded = try Self.json("""
            {"errors":[{"value":"1","detail":"Could not find tweet with ids: [1].","title":"Not Found Error",
              "resource_type":"tweet","parameter":"ids","resource_id":"1","type":"https://api.twitter.com/2/problems/resource-not-found"}]}
            """)
        #expect(decoded.kind == .v2Page)
        #expect(decoded.event.isEmpty)
        #expect(decoded.problems == [XAPIProblem(
            title: "Not Found Error", detail: "Could not find tweet with ids: [1].",
            type: "https://api.twitter.com/2/problems/resource-not-found", resourceType: "tweet", resourceID: "1",
            parameter: "ids")])
    }

    @Test func countsAndListsAreOtherNotErrors() throws {
        #expect(try Self.twarc("counts.jsonl").kind == .other)
        #expect(try Self.twarc("lists.jsonl").kind == .other)
        #expect(try Self.json(#"{"data":{"liked":true}}"#) == XDecodedPayload(kind: .other))
    }

    // MARK: tolerance

    @Test func oddOptionalFieldsCostOnlyThemselves() throws {
        let decoded = try Self.json("""
            {"__twarc":{"url":"x"},"data":{"id":"1578516295611748353","text":"hi","author_id":"9","lang":5,
             "entities":"oops","conversation_id":{"x":1},"referenced_tweets":[1,{"type":"replied_to","id":"5"}],
             "created_at":"not a date","edit_history_tweet_ids":"1578516295611748353","brand_new_field":[1,2,3]},
             "includes":{"users":[{"id":"9","username":"nine","public_metrics":{"followers_count":"12"},"verified":"yes"},7]}}
            """)
        let post = try #require(decoded.event.posts.first)
        #expect(post.lang == nil)
        #expect(post.conversationID == nil)
        #expect(post.inReplyToPostID == "5")
        #expect(post.editHistory == ["1578516295611748353"])
        // Dated by its snowflake id, to the millisecond: 2022-10-07T22:43:06.945Z.
        #expect(post.createdAt == Date(timeIntervalSince1970: 1_665_182_586.945))
        #expect(decoded.event.users == [InboundUser(id: "9", username: "nine", name: "nine", followersCount: 12)])
        #expect(decoded.skipped == [XSkippedItem(path: "includes.users[1]", reason: "not an object")])
    }

    @Test func aPageSkipsItsBrokenItemsAndKeepsTheRest() throws {
        let decoded = try Self.json("""
            {"data":[{"id":"1600000000000000003","text":"ok","author_id":"9"},5,{"text":"no id","author_id":"9"},
                     {"id":"1600000000000000004","text":"no author"}]}
            """)
        #expect(decoded.event.posts.map(\.id) == ["1600000000000000003"])
        #expect(decoded.skipped == [
            XSkippedItem(path: "data[1]", reason: "not an object"),
            XSkippedItem(path: "data[2]", reason: "missing id"),
            XSkippedItem(path: "data[3]", reason: "missing author_id"),
        ])
    }

    @Test func aLonePostWithoutAnIDIsMalformed() throws {
        #expect(throws: XPayloadError.invalidField(path: "data.id", reason: "missing or not a string")) {
            try Self.json(#"{"data":{"text":"who am I","author_id":"9"}}"#)
        }
        #expect(throws: XPayloadError.invalidField(path: "data", reason: "expected an object or an array")) {
            try Self.json(#"{"data":5}"#)
        }
        #expect(throws: XPayloadError.invalidField(path: "id_str", reason: "missing or not a string")) {
            try Self.json(#"{"id_str":7,"text":"v1"}"#)
        }
    }

    @Test func theCallerMayNameTheAuthorOfAnUnattributedCreateResponse() throws {
        let body = Data(#"{"data":{"id":"1456012973835788293","text":"Test Tweet"}}"#.utf8)
        let plain = try XPayloadDecoder.decode(body)
        #expect(plain.event.posts.isEmpty)
        #expect(plain.skipped == [XSkippedItem(path: "data", reason: "missing author_id")])
        #expect(plain.externalID == "post:1456012973835788293")
        let post = try #require(try XPayloadDecoder.decode(body, assumedAuthorID: "1072250532645998596").event.posts.first)
        #expect(post.authorID == "1072250532645998596")
        #expect(post.text == "Test Tweet")
        #expect(post.createdAt == XTimestamp.fromSnowflake("1456012973835788293"))
    }
}

@Suite struct PostTextEntitiesTests {
    @Test(arguments: [
        ("Tom &amp; Jerry", "Tom & Jerry"), ("a &lt;b&gt; c", "a <b> c"), ("&amp;lt;", "&lt;"),
        ("AT&T & co", "AT&T & co"), ("&", "&"), ("no entities", "no entities"), ("&gt;&gt;", ">>"),
    ])
    func unescapesOnlyWhatXEscapes(raw: String, expected: String) {
        #expect(PostTextEntities.unescape(raw) == expected)
    }

    @Test func decodedPostTextIsUnescaped() throws {
        let line = #"{"data":{"id":"1","text":"Q&amp;A &lt;script&gt;","author_id":"9","created_at":"2026-01-01T00:00:00.000Z"}}"#
        let decoded = try XPayloadDecoder.decode(Data(line.utf8))
        #expect(decoded.event.posts.first?.text == "Q&A <script>")
    }
}
