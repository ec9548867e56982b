import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The API's JSON shapes. Keys are snake_case; ids are strings; times are ISO-8601 UTC.
struct CustomerDTO: Content, Equatable {
    var id: UUID
    var xUserID: String
    var username: String
    var name: String
    var followersCount: Int
    var verified: Bool

    enum CodingKeys: String, CodingKey {
        case id, username, name, verified
        case xUserID = "x_user_id"
        case followersCount = "followers_count"
    }

    init(_ c: Customer) {
        id = c.id
        xUserID = c.xUserID
        username = c.username
        name = c.name
        followersCount = c.followersCount
        verified = c.verified
    }
}

struct HandleRefDTO: Content, Equatable {
    var id: UUID
    var username: String
}

struct PriorityDTO: Content, Equatable {
    var score: Int
    var reasons: [String]
}

struct HandoffDTO: Content, Equatable {
    var advice: String
    var reasons: [String]
    var suggestedReply: String?

    enum CodingKeys: String, CodingKey {
        case advice, reasons
        case suggestedReply = "suggested_reply"
    }

    init(_ t: ConversationTriage) {
        advice = t.handoff.rawValue
        reasons = t.handoffReasons
        suggestedReply = t.suggestedReply
    }
}

/// Triage of one customer message. Personal data is named by kind only, never quoted.
struct MessageTriageDTO: Content, Equatable {
    var intent: String
    var sentiment: String
    var upset: Int
    var offensive: Bool
    var personalData: [String]
    var priority: PriorityDTO
    var handoff: String

    enum CodingKeys: String, CodingKey {
        case intent, sentiment, upset, offensive, priority, handoff
        case personalData = "personal_data"
    }

    init(_ t: MessageTriage) {
        intent = t.intent.rawValue
        sentiment = t.sentiment.rawValue
        upset = t.upset
        offensive = t.offensive
        personalData = t.personalData.map(\.rawValue)
        priority = PriorityDTO(score: t.priority, reasons: t.priorityReasons)
        handoff = t.handoff.rawValue
    }
}

/// A link in a message's text: UTF-16 offsets, end exclusive (what JavaScript strings index by).
struct TextEntityDTO: Content, Equatable {
    var kind: String
    var start: Int
    var end: Int
    var value: String
}

struct MessageDTO: Content, Equatable {
    var id: UUID
    var xID: String
    var kind: String
    var channel: String
    var from: String
    var authorXUserID: String
    var text: String
    var createdAt: Date
    var inReplyToXID: String?
    var entities: [TextEntityDTO]
    var triage: MessageTriageDTO?

    enum CodingKeys: String, CodingKey {
        case id, kind, channel, from, text, triage, entities
        case xID = "x_id"
        case authorXUserID = "author_x_user_id"
        case createdAt = "created_at"
        case inReplyToXID = "in_reply_to_x_id"
    }

    private static let extractor = TweetTextExtractor(extractsURLsWithoutProtocol: false)

    init(_ m: Message) {
        id = m.id
        xID = m.xID
        kind = m.kind.rawValue
        channel = m.kind.channel.rawValue
        from = m.kind.isOwn ? "brand" : "customer"
        authorXUserID = m.authorXUserID
        text = m.text
        createdAt = m.createdAt
        inReplyToXID = m.inReplyToXID
        entities = Self.extractor.entities(in: m.text).map {
            TextEntityDTO(kind: $0.kind.rawValue, start: $0.range.lowerBound, end: $0.range.upperBound, value: $0.value)
        }
        triage = m.triage.map(MessageTriageDTO.init)
    }
}

struct OutboxItemDTO: Content, Equatable {
    var id: UUID
    var conversationID: UUID?
    var channel: String
    var text: String
    var state: String
    var attempts: Int
    var xID: String?
    var error: String?
    var createdAt: Date
    var sentAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, channel, text, state, attempts, error
        case conversationID = "conversation_id"
        case xID = "x_id"
        case createdAt = "created_at"
        case sentAt = "sent_at"
    }

    init(_ o: OutboxItem) {
        id = o.id
        conversationID = o.conversationID
        channel = o.channel.rawValue
        text = o.text
        state = o.state.rawValue
        attempts = o.attempts
        xID = o.xID
        error = o.error
        createdAt = o.createdAt
        sentAt = o.sentAt
    }
}

/// A conversation as the API shows it: in the queue with its last message, or whole with its
/// messages and outbox (keys that do not apply are left out).
struct ConversationDTO: Content, Equatable {
    var id: UUID
    var state: String
    var handle: HandleRefDTO
    var customer: CustomerDTO
    var channels: [String]
    var openedAt: Date
    var lastMessageAt: Date
    var awaitingReplySince: Date?
    var messageCount: Int
    var priority: PriorityDTO
    var handoff: HandoffDTO
    var lastMessage: MessageDTO?
    var messages: [MessageDTO]?
    var outbox: [OutboxItemDTO]?
    /// Assignment, team, tags (and, on one conversation, notes and the audit trail).
    var desk: DeskDTO?

    enum CodingKeys: String, CodingKey {
        case id, state, handle, customer, channels, priority, handoff, messages, outbox, desk
        case openedAt = "opened_at"
        case lastMessageAt = "last_message_at"
        case awaitingReplySince = "awaiting_reply_since"
        case messageCount = "message_count"
        case lastMessage = "last_message"
    }

    private init(_ c: Conversation, handle: HandleRefDTO, customer: Customer) {
        id = c.id
        state = c.state.rawValue
        self.handle = handle
        self.customer = CustomerDTO(customer)
        channels = c.channels.map(\.rawValue)
        openedAt = c.openedAt
        lastMessageAt = c.lastMessageAt
        awaitingReplySince = c.awaitingReplySince
        messageCount = c.messageCount
        priority = PriorityDTO(score: c.priority, reasons: c.priorityReasons)
        handoff = HandoffDTO(c.triage)
    }

    init(_ s: ConversationSummary) {
        self.init(s.conversation, handle: HandleRefDTO(id: s.conversation.handleID, username: s.handleUsername), customer: s.customer)
        lastMessage = s.lastMessage.map(MessageDTO.init)
    }

    init(_ d: ConversationDetail) {
        self.init(d.conversation, handle: HandleRefDTO(id: d.handle.id, username: d.handle.username), customer: d.customer)
        messages = d.messages.map(MessageDTO.init)
        outbox = d.outbox.map(OutboxItemDTO.init)
    }

}

struct ConversationListDTO: Content, Equatable {
    var data: [ConversationDTO]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
    }
}

struct ReplyInputDTO: Content {
    var text: String
    var channel: ParleyCore.Channel
    /// The newest message the agent had seen; a newer customer message makes the send ask to confirm.
    var seenUpTo: Date?
    var confirmStale: Bool?

    enum CodingKeys: String, CodingKey {
        case text, channel
        case seenUpTo = "seen_up_to"
        case confirmStale = "confirm_stale"
    }
}

struct EventAcceptedDTO: Content, Equatable {
    var externalID: String
    var duplicate: Bool

    enum CodingKeys: String, CodingKey {
        case duplicate
        case externalID = "external_id"
    }
}
