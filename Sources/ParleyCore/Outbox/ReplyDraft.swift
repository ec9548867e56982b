import Foundation

/// Why a reply cannot be queued.
public enum ReplyDraftError: Error, Equatable, CustomStringConvertible {
    case empty
    case tooLong(weighted: Int, limit: Int)
    case noPostToReplyTo
    case noAddress

    public var description: String {
        switch self {
        case .empty: "The reply is empty."
        case let .tooLong(weighted, limit): "The reply is \(weighted) characters long; the limit is \(limit)."
        case .noPostToReplyTo: "This conversation has no customer post to reply to publicly; send a DM instead."
        case .noAddress: "This customer has no e-mail address here; answer on X instead."
        }
    }
}

/// A reply an agent wants to send, checked against X's rules before it enters the outbox.
public struct ReplyDraft: Sendable, Equatable {
    public static let publicLimit = 280
    public static let dmLimit = DirectMessageText.maxLength
    /// An e-mail answer is not bound by X's limits; this only keeps one from being absurd.
    public static let emailLimit = 100_000

    public var text: String
    public var channel: Channel

    public init(text: String, channel: Channel) throws(ReplyDraftError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        switch channel {
        case .public:
            // X's own counting (twitter-text v3): URLs weigh 23, CJK and emoji 2, after NFC.
            let parsed = TweetTextParser.parse(trimmed)
            guard parsed.weightedLength <= Self.publicLimit else {
                throw .tooLong(weighted: parsed.weightedLength, limit: Self.publicLimit)
            }
        case .dm:
            guard DirectMessageText.isValid(trimmed) else {
                throw .tooLong(weighted: DirectMessageText.length(of: trimmed), limit: Self.dmLimit)
            }
        case .email:
            guard trimmed.count <= Self.emailLimit else { throw .tooLong(weighted: trimmed.count, limit: Self.emailLimit) }
        }
        self.text = trimmed
        self.channel = channel
    }
}

/// Where a reply goes, worked out from the conversation it answers.
public struct ReplyTarget: Sendable, Equatable {
    public var inReplyToXID: String?
    public var recipientXUserID: String?

    /// A public reply answers the customer's latest public post; a DM goes to the customer.
    public static func of(
        _ draft: ReplyDraft, messages: [Message], customerXUserID: String
    ) throws(ReplyDraftError) -> ReplyTarget {
        switch draft.channel {
        case .public:
            let latest = messages.filter { !$0.kind.isOwn && $0.kind.channel == .public }
                .max { ($0.createdAt, $0.xID) < ($1.createdAt, $1.xID) }
            guard let latest else { throw .noPostToReplyTo }
            return ReplyTarget(inReplyToXID: latest.xVersionID, recipientXUserID: nil)
        case .dm:
            return ReplyTarget(inReplyToXID: nil, recipientXUserID: customerXUserID)
        case .email:
            // The customer's latest e-mail, so the answer threads under it in their mail client.
            let latest = messages.filter { $0.kind == .email }.max { ($0.createdAt, $0.xID) < ($1.createdAt, $1.xID) }
            guard CustomerIdentity.address(of: customerXUserID) != nil else { throw .noAddress }
            return ReplyTarget(inReplyToXID: latest?.xID, recipientXUserID: customerXUserID)
        }
    }
}
