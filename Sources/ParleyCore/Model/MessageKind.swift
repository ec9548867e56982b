/// How a message reached the brand. The raw values are the API's and the database's spelling.
public enum MessageKind: String, Sendable, Codable, CaseIterable {
    case mention
    case reply
    case quote
    case retweet
    case dm
    /// A brand term said without the handle, found by search or a stream rule.
    case keywordMatch = "keyword_match"
    /// The brand's own public post (a reply an agent sent, or one posted elsewhere).
    case ownPost = "own_post"
    case ownDM = "own_dm"
    /// A customer's e-mail (or support-form request) and the brand's e-mail answer.
    case email
    case ownEmail = "own_email"

    public var channel: Channel {
        switch self {
        case .dm, .ownDM: .dm
        case .email, .ownEmail: .email
        case .mention, .reply, .quote, .retweet, .keywordMatch, .ownPost: .public
        }
    }

    /// True for the brand's side of a conversation.
    public var isOwn: Bool {
        switch self {
        case .ownPost, .ownDM, .ownEmail: true
        case .mention, .reply, .quote, .retweet, .dm, .keywordMatch, .email: false
        }
    }
}

/// Where a message is visible: on the public timeline, in a direct message, or by e-mail.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case `public`
    case dm
    case email

    /// Only the customer and the brand see it.
    public var isPrivate: Bool { self != .public }
}
