/// An API v2 DM event. Only `MessageCreate` events carry a message; `ParticipantsJoin` and
/// `ParticipantsLeave` list who joined or left a group.
struct V2DMEvent: Codable, Sendable, Equatable {
    var id: String?
    var eventType: String?
    var text: String?
    var senderID: String?
    var dmConversationID: String?
    var createdAt: String?
    var participantIDs: [String]?
    var referencedTweets: [V2ReferencedTweet]?
    var attachments: V2DMAttachments?

    enum CodingKeys: String, CodingKey {
        case id, text, attachments
        case eventType = "event_type"
        case senderID = "sender_id"
        case dmConversationID = "dm_conversation_id"
        case createdAt = "created_at"
        case participantIDs = "participant_ids"
        case referencedTweets = "referenced_tweets"
    }

    static let messageCreate = "MessageCreate"

    init(
        id: String?, eventType: String?, text: String?, senderID: String?, dmConversationID: String?,
        createdAt: String?, participantIDs: [String]? = nil
    ) {
        self.id = id
        self.eventType = eventType
        self.text = text
        self.senderID = senderID
        self.dmConversationID = dmConversationID
        self.createdAt = createdAt
        self.participantIDs = participantIDs
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.flexibleID(.id)
        eventType = c.lenient(String.self, .eventType)
        text = c.lenient(String.self, .text)
        senderID = c.flexibleID(.senderID)
        dmConversationID = c.lenient(String.self, .dmConversationID)
        createdAt = c.lenient(String.self, .createdAt)
        participantIDs = c.lenient([String].self, .participantIDs)
        referencedTweets = c.lossyArray(V2ReferencedTweet.self, .referencedTweets)
        attachments = c.lenient(V2DMAttachments.self, .attachments)
    }
}

struct V2DMAttachments: Codable, Sendable, Equatable {
    var mediaKeys: [String]?
    var cardIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case mediaKeys = "media_keys"
        case cardIDs = "card_ids"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mediaKeys = c.lenient([String].self, .mediaKeys)
        cardIDs = c.lenient([String].self, .cardIDs)
    }
}
