import Foundation
import ParleyCore

/// Writes the API v2 payloads X would send for a post or DM, so the local sandbox transport can
/// echo what it "sent" back through the journal exactly as X would, and `XPayloadDecoder` reads
/// them like any other. Keys are sorted, so the same post always gives the same bytes.
public enum XPostEncoder {
    /// A filtered-stream line: `{"data":{post},"includes":{"users":[author]}}`.
    public static func v2StreamLine(
        id: String, text: String, authorID: String, createdAt: Date, conversationID: String?,
        inReplyToPostID: String?, inReplyToUserID: String?, author: InboundUser?
    ) -> Data {
        let post = V2Post(
            id: id, text: text, authorID: authorID, createdAt: XTimestamp.formatISO8601(createdAt),
            conversationID: conversationID, inReplyToUserID: inReplyToUserID,
            referencedTweets: inReplyToPostID.map { [V2ReferencedTweet(type: "replied_to", id: $0)] },
            editHistoryTweetIDs: [id])
        return encode(Line(data: post, includes: Line.Includes(users: author.map { [V2User($0)] })))
    }

    /// A DM events page holding one `MessageCreate`: `{"data":[event],"includes":{"users":[...]}}`.
    /// The recipient travels as X sends it, in `dm_conversation_id` ("<smaller id>-<larger id>");
    /// an empty `recipientID` leaves that out.
    public static func v2DMEventLine(
        id: String, text: String, senderID: String, recipientID: String, createdAt: Date, users: [InboundUser]
    ) -> Data {
        let event = V2DMEvent(
            id: id, eventType: V2DMEvent.messageCreate, text: text, senderID: senderID,
            dmConversationID: recipientID.isEmpty
                ? nil : InboundEventBuilder.oneToOneConversationID(senderID, recipientID),
            createdAt: XTimestamp.formatISO8601(createdAt))
        return encode(Line(data: [event], includes: Line.Includes(users: users.isEmpty ? nil : users.map(V2User.init))))
    }

    private struct Line<Payload: Encodable>: Encodable {
        struct Includes: Encodable {
            var users: [V2User]?
        }

        var data: Payload
        var includes: Includes
    }

    private static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            // Only strings, integers, booleans and arrays of them are written; none can fail.
            preconditionFailure("encoding a v2 payload failed: \(error)")
        }
    }
}

extension V2User {
    init(_ user: InboundUser) {
        self.init(
            id: user.id, name: user.name, username: user.username, verified: user.verified,
            description: user.bio, profileImageURL: user.profileImageURL,
            publicMetrics: V2UserMetrics(followersCount: user.followersCount))
    }
}
