import Foundation

/// A reply, or one part of a scheduled post, in the outbox.
public struct OutboxItem: Sendable, Equatable, Codable {
    public var id: UUID
    /// The case a reply answers; nil for a scheduled post's part.
    public var conversationID: UUID?
    /// The scheduled post this item is part `part` of (0 is its first post).
    public var scheduledPostID: UUID?
    public var part: Int?
    public var handleID: UUID
    public var channel: Channel
    public var text: String
    /// The post a public reply answers (`mail:<Message-ID>`: the e-mail an e-mail answers).
    public var inReplyToXID: String?
    /// The customer a DM or an e-mail goes to (`CustomerIdentity` for e-mail).
    public var recipientXUserID: String?
    public var state: OutboxState
    public var attempts: Int
    public var xID: String?
    public var error: String?
    public var createdBy: UUID?
    public var createdAt: Date
    public var sentAt: Date?

    public init(
        id: UUID, conversationID: UUID?, scheduledPostID: UUID? = nil, part: Int? = nil, handleID: UUID, channel: Channel, text: String, inReplyToXID: String?,
        recipientXUserID: String?, state: OutboxState, attempts: Int, xID: String?, error: String?,
        createdBy: UUID?, createdAt: Date, sentAt: Date?
    ) {
        self.id = id
        self.conversationID = conversationID
        self.scheduledPostID = scheduledPostID
        self.part = part
        self.handleID = handleID
        self.channel = channel
        self.text = text
        self.inReplyToXID = inReplyToXID
        self.recipientXUserID = recipientXUserID
        self.state = state
        self.attempts = attempts
        self.xID = xID
        self.error = error
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

extension OutboxItem {
    /// What X counts this item as.
    public var kind: PostKind {
        switch channel {
        case .dm: .dm
        case .public: inReplyToXID == nil ? .original : .reply
        case .email: .email
        }
    }
}
