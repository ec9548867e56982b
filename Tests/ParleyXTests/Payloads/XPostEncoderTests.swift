import Foundation
import ParleyCore
import Testing

@testable import ParleyX

@Suite struct XPostEncoderTests {
    static let author = InboundUser(
        id: "1072250532645998596", username: "AcmeCare", name: "Acme \"Care\" 🛠", followersCount: 1234,
        verified: true, profileImageURL: "https://pbs.twimg.com/profile_images/1/a_normal.jpg", bio: "We help. <b>24/7</b>")
    static let createdAt = Date(timeIntervalSince1970: 1_665_182_598.123)

    @Test func aStreamLineReadsBackAsThePostItDescribes() throws {
        let line = XPostEncoder.v2StreamLine(
            id: "1578516295611748353", text: "@customer Sorry! DM us your order number 🙏 \"quoted\" \\ /",
            authorID: Self.author.id, createdAt: Self.createdAt, conversationID: "1578516273537118209",
            inReplyToPostID: "1578516273537118209", inReplyToUserID: "750362064426721281", author: Self.author)
        let decoded = try XPayloadDecoder.decode(line)
        #expect(decoded.kind == .v2Post)
        #expect(decoded.externalID == "post:1578516295611748353")
        #expect(decoded.event.posts == [InboundPost(
            id: "1578516295611748353", text: "@customer Sorry! DM us your order number 🙏 \"quoted\" \\ /",
            authorID: Self.author.id, createdAt: Self.createdAt, conversationID: "1578516273537118209",
            inReplyToPostID: "1578516273537118209", inReplyToUserID: "750362064426721281")])
        #expect(decoded.event.users == [Self.author])
        #expect(decoded.skipped.isEmpty)
    }

    @Test func aStreamLineHasXsShapeWithSortedKeys() throws {
        let line = XPostEncoder.v2StreamLine(
            id: "1600000000000000009", text: "hi", authorID: "9", createdAt: Date(timeIntervalSince1970: 1_665_182_598),
            conversationID: nil, inReplyToPostID: nil, inReplyToUserID: nil, author: nil)
        #expect(String(decoding: line, as: UTF8.self) == #"""
            {"data":{"author_id":"9","created_at":"2022-10-07T22:43:18.000Z","edit_history_tweet_ids":["1600000000000000009"],"id":"1600000000000000009","text":"hi"},"includes":{}}
            """#)
        #expect(line == XPostEncoder.v2StreamLine(
            id: "1600000000000000009", text: "hi", authorID: "9", createdAt: Date(timeIntervalSince1970: 1_665_182_598),
            conversationID: nil, inReplyToPostID: nil, inReplyToUserID: nil, author: nil))
    }

    @Test func aDMLineReadsBackAsTheMessageItDescribes() throws {
        let customer = InboundUser(id: "750362064426721281", username: "customer", name: "Customer")
        let line = XPostEncoder.v2DMEventLine(
            id: "1585800613752881156", text: "Thanks, we've refunded order 123.", senderID: Self.author.id,
            recipientID: customer.id, createdAt: Self.createdAt, users: [Self.author, customer])
        let decoded = try XPayloadDecoder.decode(line)
        #expect(decoded.kind == .v2DMPage)
        #expect(decoded.externalID == "dm:1585800613752881156")
        #expect(decoded.event.dms == [InboundDM(
            id: "1585800613752881156", text: "Thanks, we've refunded order 123.", senderID: Self.author.id,
            recipientID: customer.id, dmConversationID: "750362064426721281-1072250532645998596",
            createdAt: Self.createdAt)])
        #expect(decoded.event.users == [Self.author, customer])
        #expect(String(decoding: line, as: UTF8.self).hasPrefix(#"{"data":[{"created_at":"2022-10-07T22:43:18.123Z","dm_conversation_id""#))
    }
}

extension XPostEncoderTests {
    @Test func aDMLineWithoutARecipientStillReadsBack() throws {
        let line = XPostEncoder.v2DMEventLine(
            id: "1585800613752881157", text: "hello", senderID: "1", recipientID: "", createdAt: Self.createdAt,
            users: [])
        let dm = try #require(try XPayloadDecoder.decode(line).event.dms.first)
        #expect(dm.senderID == "1")
        #expect(dm.recipientID == nil)
        #expect(dm.dmConversationID == nil)
    }
}
