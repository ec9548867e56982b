import Foundation
import ParleyCore
import Testing

@testable import ParleyX

@Suite struct DirectMessageDecodingTests {
    static func cassetteBodies(_ name: String) throws -> [Data] {
        try RecordedPayloadsTests.payloads(in: "tweepy-cassettes/v2/" + name)
    }

    /// tweepy looked its DMs up without `dm_event.fields`, so the events have no sender: they
    /// are recognised, counted as skipped, and never attributed by guesswork.
    @Test func theRecordedV2DMLookupsAreDMPagesWithoutSenders() throws {
        let bodies = try Self.cassetteBodies("test_manage_and_lookup_direct_messages.json")
        #expect(bodies.count == 6)
        let created = try XPayloadDecoder.decode(bodies[0])
        #expect(created.kind == .other, "a send acknowledgement carries no message")
        let empty = try XPayloadDecoder.decode(bodies[3])
        #expect(empty.kind == .v2Page)
        #expect(empty.event.isEmpty)
        #expect(empty.meta?.resultCount == 0)
        let page = try XPayloadDecoder.decode(bodies[4])
        #expect(page.kind == .v2DMPage)
        #expect(page.event.dms.isEmpty)
        #expect(page.skipped == [
            XSkippedItem(path: "data[0]", reason: "missing sender_id"),
            XSkippedItem(path: "data[1]", reason: "missing sender_id"),
        ])
        #expect(page.meta == XPageMeta(
            resultCount: 2, nextToken: "18LAA5G1SL0NR5OG0G00ZZZZ", previousToken: "1BLC45G1SL0PMLI00G00ZZZZ"))
        #expect(page.externalID == nil)
    }

    @Test func aV2DMPageWithFieldsGivesMessagesAndTheirRecipients() throws {
        let decoded = try XPayloadDecoder.decode(Data("""
            {"data":[
              {"id":"1585800613752881156","event_type":"MessageCreate","text":"Order 123 never came",
               "sender_id":"750362064426721281","dm_conversation_id":"750362064426721281-1072250532645998596",
               "created_at":"2022-10-28T01:30:01.000Z"},
              {"id":"1585800613253812228","event_type":"ParticipantsJoin","participant_ids":["145336962"],
               "dm_conversation_id":"1585800614365339648","created_at":"2022-10-28T01:30:00.000Z"},
              {"id":"1585800614365339652","event_type":"MessageCreate","text":"Hi group","sender_id":"1072250532645998596",
               "dm_conversation_id":"1585800614365339648","participant_ids":["145336962","750362064426721281","1072250532645998596"]},
              {"id":"1585800614365339653","event_type":"MessageCreate","text":"","sender_id":"1072250532645998596",
               "participant_ids":["1072250532645998596","750362064426721281"],"attachments":{"media_keys":["3_1"]}}
            ],
             "includes":{"users":[{"id":"750362064426721281","name":"Customer","username":"customer"}]},
             "meta":{"result_count":4}}
            """.utf8))
        #expect(decoded.kind == .v2DMPage)
        #expect(decoded.event.dms == [
            InboundDM(
                id: "1585800613752881156", text: "Order 123 never came", senderID: "750362064426721281",
                recipientID: "1072250532645998596", dmConversationID: "750362064426721281-1072250532645998596",
                createdAt: Date(timeIntervalSince1970: 1_666_920_601)),
            InboundDM(
                id: "1585800614365339652", text: "Hi group", senderID: "1072250532645998596", recipientID: nil,
                dmConversationID: "1585800614365339648",
                createdAt: try #require(XTimestamp.fromSnowflake("1585800614365339652"))),
            InboundDM(
                id: "1585800614365339653", text: "", senderID: "1072250532645998596",
                recipientID: "750362064426721281", dmConversationID: nil,
                createdAt: try #require(XTimestamp.fromSnowflake("1585800614365339653"))),
        ])
        #expect(decoded.event.users.map(\.username) == ["customer"])
        #expect(decoded.skipped.isEmpty)
    }

    @Test func aSingleDMEventIsKeyedByItsID() throws {
        let decoded = try XPayloadDecoder.decode(Data(#"""
            {"data":{"id":"1585800613752881156","event_type":"MessageCreate","text":"hi","sender_id":"1",
             "dm_conversation_id":"1-2"}}
            """#.utf8))
        #expect(decoded.kind == .v2DMPage)
        #expect(decoded.externalID == "dm:1585800613752881156")
        #expect(decoded.event.dms.first?.recipientID == "2")
    }

    @Test func anAccountActivityDMIsAMessageWithSenderRecipientAndMillisecondTime() throws {
        let decoded = try XPayloadDecoder.decode(
            try SharedData.bytes("x-api-official/account-activity-examples/direct_message_events.json"))
        #expect(decoded.kind == .accountActivity)
        #expect(decoded.forUserID == "4337869213")
        #expect(decoded.externalID == "aa:4337869213:dm:954491830116155396")
        #expect(decoded.event.dms == [InboundDM(
            id: "954491830116155396", text: "Hello World!", senderID: "3001969357", recipientID: "4337869213",
            dmConversationID: "3001969357-4337869213", createdAt: Date(timeIntervalSince1970: 1_516_403_560.557))])
        #expect(decoded.event.users.map(\.username) == ["furiouscamper", "Harris_0ff"])
        #expect(decoded.event.users.first == InboundUser(
            id: "3001969357", username: "furiouscamper", name: "Jordan Brinks", followersCount: 22,
            profileImageURL: "https://pbs.twimg.com/profile_images/851526626785480705/cW4WTi7C_normal.jpg",
            bio: "Alter Ego - X PE opinions-are-my-own"))
    }

    @Test func typingAndReadReceiptsAreNotMessagesAndHaveNoNaturalID() throws {
        for name in ["direct_message_indicate_typing_events.json", "direct_message_mark_read_events.json"] {
            let decoded = try XPayloadDecoder.decode(
                try SharedData.bytes("x-api-official/account-activity-examples/" + name))
            #expect(decoded.event.dms.isEmpty)
            #expect(decoded.event.users.count == 2)
            #expect(decoded.externalID == nil)
        }
    }

    @Test func deletionsAreReportedAndKeyedApartFromCreations() throws {
        let decoded = try XPayloadDecoder.decode(
            try SharedData.bytes("x-api-official/account-activity-examples/tweet_delete_events.json"))
        #expect(decoded.deletedPostIDs == ["1045405559317569537"])
        #expect(decoded.externalID == "aa:930524282358325248:delete:1045405559317569537")
    }

    @Test func userEventsAndUnknownEventKindsDecodeToNothing() throws {
        let revoke = try XPayloadDecoder.decode(try SharedData.bytes("x-api-official/account-activity-examples/user_event.json"))
        #expect(revoke == XDecodedPayload(kind: .accountActivity))
        let future = try XPayloadDecoder.decode(Data(#"{"for_user_id":"1","brand_new_events":[{"x":1}]}"#.utf8))
        #expect(future == XDecodedPayload(kind: .accountActivity, forUserID: "1"))
    }

    @Test func anAccountActivityArrayOfTheWrongShapeIsMalformed() throws {
        #expect(throws: XPayloadError.self) {
            try XPayloadDecoder.decode(Data(#"{"for_user_id":"1","direct_message_events":{"id":"2"}}"#.utf8))
        }
    }
}
