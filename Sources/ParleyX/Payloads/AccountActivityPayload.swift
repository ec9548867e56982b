/// An Account Activity webhook delivery: `for_user_id` and one kind of `*_events` array, with
/// v1.1 objects inside.
struct AccountActivityPayload: Decodable, Sendable {
    var forUserID: String?
    var tweetCreateEvents: LossyArray<V1Tweet>?
    var directMessageEvents: LossyArray<AADirectMessageEvent>?
    var users: [String: V1User]?
    var tweetDeleteEvents: [AATweetDeleteEvent]?
    var favoriteEvents: [AAIdentifiedEvent]?
    /// Every top-level key ending in `_events`, plus `user_event`: which kinds of event came.
    var eventKeys: [String]

    enum CodingKeys: String, CodingKey {
        case forUserID = "for_user_id"
        case tweetCreateEvents = "tweet_create_events"
        case directMessageEvents = "direct_message_events"
        case users
        case tweetDeleteEvents = "tweet_delete_events"
        case favoriteEvents = "favorite_events"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        forUserID = c.flexibleID(.forUserID)
        // The arrays that carry messages must be arrays; a wrong shape there is a malformed payload.
        tweetCreateEvents = try c.decodeIfPresent(LossyArray<V1Tweet>.self, forKey: .tweetCreateEvents)
        directMessageEvents = try c.decodeIfPresent(LossyArray<AADirectMessageEvent>.self, forKey: .directMessageEvents)
        users = c.lenient([String: V1User].self, .users)
        tweetDeleteEvents = c.lossyArray(AATweetDeleteEvent.self, .tweetDeleteEvents)
        favoriteEvents = c.lossyArray(AAIdentifiedEvent.self, .favoriteEvents)
        eventKeys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
            .filter(Self.isEventKey).sorted()
    }

    static func isEventKey(_ key: String) -> Bool { key.hasSuffix("_events") || key == "user_event" }
}

/// `direct_message_events[]`. Only `type: "message_create"` carries a message.
struct AADirectMessageEvent: Decodable, Sendable {
    var type: String?
    var id: String?
    var createdTimestamp: String?
    var senderID: String?
    var recipientID: String?
    var text: String?

    private enum CodingKeys: String, CodingKey {
        case type, id
        case createdTimestamp = "created_timestamp"
        case messageCreate = "message_create"
    }

    private enum MessageCreateKeys: String, CodingKey {
        case target
        case senderID = "sender_id"
        case messageData = "message_data"
    }

    private enum TargetKeys: String, CodingKey {
        case recipientID = "recipient_id"
    }

    private enum MessageDataKeys: String, CodingKey {
        case text
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = c.lenient(String.self, .type)
        id = c.flexibleID(.id)
        createdTimestamp = c.flexibleID(.createdTimestamp)
        guard let create = try? c.nestedContainer(keyedBy: MessageCreateKeys.self, forKey: .messageCreate) else {
            return
        }
        senderID = create.flexibleID(.senderID)
        recipientID = (try? create.nestedContainer(keyedBy: TargetKeys.self, forKey: .target))?.flexibleID(.recipientID)
        text = (try? create.nestedContainer(keyedBy: MessageDataKeys.self, forKey: .messageData))?
            .lenient(String.self, .text)
    }
}

/// `tweet_delete_events[]`: `{status: {id, user_id}, timestamp_ms}`.
struct AATweetDeleteEvent: Decodable, Sendable {
    var postID: String?
    var userID: String?

    private enum CodingKeys: String, CodingKey { case status }
    private enum StatusKeys: String, CodingKey {
        case id
        case userID = "user_id"
    }

    init(from decoder: any Decoder) throws {
        let status = try? decoder.container(keyedBy: CodingKeys.self)
            .nestedContainer(keyedBy: StatusKeys.self, forKey: .status)
        postID = status?.flexibleID(.id)
        userID = status?.flexibleID(.userID)
    }
}

/// An event that carries its own `id` (favorites).
struct AAIdentifiedEvent: Decodable, Sendable {
    var id: String?

    private enum CodingKeys: String, CodingKey { case id }

    init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: CodingKeys.self).flexibleID(.id)
    }
}
