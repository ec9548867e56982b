import Foundation
import ParleyCore
import Testing

@testable import ParleyX

/// `XPage.parse` on small hand-written pages: what each item carries, how the page is billed, and
/// every body that is not X's documented shape.
@Suite struct XPageTests {
    static let posts = XPage.Kind.posts(billedAs: .postRead)
    static let dms = XPage.Kind.dmEvents(billedAs: .dmEventRead)

    static func parse(_ text: String, status: Int = 200, kind: XPage.Kind = posts) throws(XAPIError) -> XPage {
        try XPage.parse(Data(text.utf8), status: status, kind: kind)
    }

    /// The reason of the `malformed` error `body` must raise; records an issue for anything else.
    static func malformedReason(_ body: Data, status: Int = 200, kind: XPage.Kind = posts) -> String? {
        do {
            let page = try XPage.parse(body, status: status, kind: kind)
            Issue.record("parsed into \(page.items.count) items")
        } catch {
            guard case let .malformed(reported, reason) = error else {
                Issue.record("expected malformed, got \(error)")
                return nil
            }
            #expect(reported == status)
            return reason
        }
        return nil
    }

    static func includes(_ item: XPageItem) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: item.payload) as? [String: Any])
        return try #require(object["includes"] as? [String: Any])
    }

    static func ids(_ value: Any?) -> [String] {
        ((value as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }

    // MARK: splitting

    static let threePosts = """
        {"data":[
          {"id":"300","author_id":"1","text":"@acme where is my order","created_at":"2024-05-01T10:00:03.000Z",
           "in_reply_to_user_id":"9","referenced_tweets":[{"type":"replied_to","id":"200"}],
           "entities":{"mentions":[{"start":0,"end":5,"username":"acme","id":"9"}]}},
          {"id":"299","author_id":"2","text":"look at this","created_at":"2024-05-01T10:00:02.000Z",
           "referenced_tweets":[{"type":"quoted","id":"100"},{"type":"replied_to","id":"404"}]},
          {"id":"298","author_id":"1","text":"again","created_at":"2024-05-01T10:00:01.000Z"}
        ],
        "includes":{
          "users":[{"id":"1","name":"One","username":"one"},{"id":"2","name":"Two","username":"two"},
                   {"id":"9","name":"Acme","username":"acme"},{"id":"7","name":"Seven","username":"seven"}],
          "tweets":[{"id":"200","author_id":"9","text":"we shipped it","created_at":"2024-05-01T09:00:00.000Z"},
                    {"id":"100","author_id":"7","text":"quoted","created_at":"2024-05-01T08:00:00.000Z",
                     "entities":{"mentions":[{"start":0,"end":4,"username":"two","id":"2"}]}}],
          "media":[{"media_key":"3_1","type":"photo"}]},
        "errors":[{"resource_id":"404","title":"Not Found Error"}],
        "meta":{"newest_id":"300","oldest_id":"298","result_count":3,"next_token":"abc"}}
        """

    @Test func eachItemCarriesOnlyTheUsersAndPostsItRefersTo() throws {
        let page = try Self.parse(Self.threePosts)
        #expect(page.items.map(\.id) == ["300", "299", "298"])
        let first = try Self.includes(page.items[0])
        #expect(Self.ids(first["users"]) == ["1", "9"], "author, then the user replied to (also mentioned), once")
        #expect(Self.ids(first["tweets"]) == ["200"])
        let second = try Self.includes(page.items[1])
        #expect(Self.ids(second["users"]) == ["2", "7"], "author and the quoted post's author")
        #expect(Self.ids(second["tweets"]) == ["100"], "a referenced post X did not return is left out")
        let third = try Self.includes(page.items[2])
        #expect(Self.ids(third["users"]) == ["1"])
        #expect(third["tweets"] == nil)
        #expect(page.items.allSatisfy { !String(decoding: $0.payload, as: UTF8.self).contains("media_key") })
    }

    @Test func billsDistinctReferencedUsersOncePerPage() throws {
        let page = try Self.parse(Self.threePosts)
        // Users 1, 2, 7 and 9 are referenced; user 1 by two items is billed once.
        #expect(page.usage == XUsage([.postRead: 3, .userRead: 4]))
        #expect(page.partialErrors == 1)
        #expect(page.newestID == "300")
        #expect(page.nextToken == "abc")
    }

    @Test func itemPayloadsDecodeToTheSamePostsAsThePage() throws {
        let body = Data(Self.threePosts.utf8)
        let page = try XPage.parse(body, kind: Self.posts)
        let whole = try XPayloadDecoder.decode(body)
        let pieces = try page.items.flatMap { try XPayloadDecoder.decode($0.payload).event.posts }
        #expect(pieces == whole.event.posts)
        let quoting = try #require(pieces.first { $0.id == "299" })
        #expect(quoting.quotedAuthorID == "7")
    }

    /// A post retweeting another post of the same page, which X returned under `data` only (as
    /// in twarc's recorded `withheld.jsonl`, fifth line): the page says who wrote the retweeted
    /// post, and `XPayloadDecoder` uses it; the retweet's own payload must still say so.
    @Test func aReferencedPostFoundOnlyInDataStillTravelsWithItsItem() throws {
        let body = Data("""
            {"data":[
              {"id":"1404393588541202433","author_id":"1","text":"RT @two: hello","created_at":"2021-06-14T11:01:38.000Z",
               "referenced_tweets":[{"type":"retweeted","id":"1404374446257934336"}]},
              {"id":"1404374446257934336","author_id":"2","text":"hello","created_at":"2021-06-14T09:45:34.000Z"}],
             "includes":{"users":[{"id":"1","name":"One","username":"one"},{"id":"2","name":"Two","username":"two"}]}}
            """.utf8)
        let whole = try XPayloadDecoder.decode(body)
        #expect(whole.event.posts.first?.retweetedAuthorID == "2")
        let page = try XPage.parse(body, kind: Self.posts)
        let retweet = try XPayloadDecoder.decode(page.items[0].payload)
        #expect(retweet.event.posts.first?.retweetedAuthorID == "2")
        #expect(Self.ids(try Self.includes(page.items[0])["users"]) == ["1", "2"])
    }

    @Test func metaNewestIDWinsOverTheFirstItem() throws {
        let page = try Self.parse(#"{"data":[{"id":"5","author_id":"1"}],"meta":{"newest_id":"9","result_count":1}}"#)
        #expect(page.newestID == "9")
        let bare = try Self.parse(#"{"data":[{"id":"5","author_id":"1"},{"id":"4","author_id":"1"}]}"#)
        #expect(bare.newestID == "5")
        #expect(bare.nextToken == nil)
    }

    @Test func pageWithoutDataIsEmptyAndFree() throws {
        for body in [#"{"meta":{"result_count":0}}"#, "{}", #"{"data":[]}"#, #"{"errors":[{"title":"x"}]}"#] {
            let page = try Self.parse(body)
            #expect(page.items.isEmpty)
            #expect(page.usage == .none)
            #expect(page.newestID == nil)
        }
    }

    @Test func dmItemsKeepDataAsAnArrayWithSenderAndParticipants() throws {
        let body = """
            {"data":[
              {"id":"1585800613752881156","event_type":"MessageCreate","text":"Order 123 never came",
               "sender_id":"750362064426721281","dm_conversation_id":"750362064426721281-1072250532645998596",
               "created_at":"2022-10-28T01:30:01.000Z"},
              {"id":"1585800614365339652","event_type":"MessageCreate","text":"Hi group","sender_id":"1072250532645998596",
               "dm_conversation_id":"1585800614365339648",
               "participant_ids":["145336962","750362064426721281","1072250532645998596"]}],
             "includes":{"users":[{"id":"750362064426721281","name":"Customer","username":"customer"},
                                  {"id":"1072250532645998596","name":"Brand","username":"brand"},
                                  {"id":"145336962","name":"Third","username":"third"}]},
             "meta":{"result_count":2,"next_token":"NEXT"}}
            """
        let page = try Self.parse(body, kind: Self.dms)
        #expect(page.items.map(\.id) == ["1585800613752881156", "1585800614365339652"])
        #expect(page.usage == XUsage([.dmEventRead: 2, .userRead: 3]))
        #expect(page.nextToken == "NEXT")
        #expect(Self.ids(try Self.includes(page.items[0])["users"]) == ["750362064426721281"])
        #expect(Self.ids(try Self.includes(page.items[1])["users"])
                == ["1072250532645998596", "145336962", "750362064426721281"])
        for item in page.items {
            let decoded = try XPayloadDecoder.decode(item.payload)
            #expect(decoded.kind == .v2DMPage)
            #expect(decoded.externalID == "dm:\(item.id)")
            #expect(decoded.event.dms.map(\.id) == [item.id])
        }
        let first = try XPayloadDecoder.decode(page.items[0].payload)
        #expect(first.event.dms.first?.recipientID == "1072250532645998596")
        #expect(first.event.users.map(\.id) == ["750362064426721281"])
    }

    @Test func ownedDMReadsBillNoUsers() throws {
        let body = #"{"data":[{"id":"11","event_type":"MessageCreate","sender_id":"1"}],"includes":{"users":[{"id":"1","username":"a","name":"A"}]}}"#
        let page = try Self.parse(body, kind: .dmEvents(billedAs: .ownedRead))
        #expect(page.usage == XUsage([.ownedRead: 1]))
        #expect(Self.ids(try Self.includes(page.items[0])["users"]) == ["1"], "the payload still carries the user")
    }

    // MARK: malformed bodies

    static let malformedBodies: [String] = [
        "",
        "   \n",
        "<!DOCTYPE html><html><body>Over capacity</body></html>",
        #"{"data":[{"id":"1","text":"cut sh"#,
        "[]",
        "null",
        #""data""#,
        "42",
        #"{"data":{"id":"1","text":"one"}}"#,
        #"{"data":"1"}"#,
        #"{"data":null}"#,
        #"{"data":[1,2]}"#,
        #"{"data":[{"id":"1"},"2"]}"#,
        #"{"data":[{"text":"no id"}]}"#,
        #"{"data":[{"id":1394735776701816833}]}"#,
        #"{"data":[{"id":""}]}"#,
        #"{"data":[{"id":"12a"}]}"#,
        #"{"data":[{"id":"-12"}]}"#,
        #"{"data":[{"id":" 12"}]}"#,
        #"{"data":[{"id":null}]}"#,
        #"{"data":[{"id":"1"}],"meta":{"result_count":"1"}}"#,
        #"{"data":[],"meta":{"result_count":null}}"#,
        #"{"data":[],"meta":[]}"#,
        #"{"data":[],"meta":"next"}"#,
        #"{"meta":{"next_token":5}}"#,
        #"{"meta":{"newest_id":300}}"#,
        #"{"data":[],"includes":[]}"#,
    ]

    @Test(arguments: malformedBodies)
    func malformedPostPagesThrowMalformed(body: String) {
        #expect(Self.malformedReason(Data(body.utf8)) != nil)
    }

    @Test(arguments: malformedBodies)
    func malformedDMPagesThrowMalformed(body: String) {
        #expect(Self.malformedReason(Data(body.utf8), kind: Self.dms) != nil)
    }

    @Test func theStatusIsReportedAndTheBodyIsNotQuoted() throws {
        let secret = "my card number is 4111"
        let html = Data("<html><body>\(secret)</body></html>".utf8)
        let reason = try #require(Self.malformedReason(html, status: 203))
        #expect(!reason.contains("4111"))
        let badMeta = Data(#"{"data":[{"id":"1","text":"\#(secret)"}],"meta":{"result_count":"\#(secret)"}}"#.utf8)
        #expect(Self.malformedReason(badMeta, status: 200)?.contains("4111") == false)
        #expect(Self.malformedReason(Data(), status: 204) == "empty body")
    }

    /// A bad item anywhere rejects the whole page: its good siblings are not taken either.
    @Test func oneBadItemRejectsThePage() {
        let body = Data(#"{"data":[{"id":"3","author_id":"1"},{"id":"2","author_id":"1"},{"id":"x"}]}"#.utf8)
        #expect(Self.malformedReason(body) != nil)
    }

    @Test func everyTruncationOfARecordedPageIsMalformed() throws {
        let body = try RecordedPayloadsTests.payloads(in: "twarc-v2-responses/test-data/two_tweets.jsonl")[0]
        for length in stride(from: 0, to: body.count - 1, by: 97) {
            #expect(Self.malformedReason(body.prefix(length)) != nil, "cut at \(length) of \(body.count)")
        }
    }

    @Test func deeplyNestedBodyThrowsInsteadOfCrashing() {
        let depth = 100_000
        let body = Data((#"{"data":[{"id":"1","x":"# + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "}]}").utf8)
        do {
            let page = try XPage.parse(body, kind: Self.posts)
            #expect(page.items.count == 1)
        } catch {
            if case .malformed = error { return }
            Issue.record("expected malformed, got \(error)")
        }
    }

    /// `Character.isNumber` is true of digits in other scripts, fractions and Roman numerals;
    /// X's ids are ASCII decimal, and `XSnowflake` compares them as such.
    @Test(arguments: ["١٢٣", "１２３", "½", "Ⅻ", "12³"])
    func idsThatAreNotASCIIDigitsAreMalformed(id: String) {
        #expect(Self.malformedReason(Data(#"{"data":[{"id":"\#(id)","author_id":"1"}]}"#.utf8)) != nil)
    }
}
