/// How a reply's text measures against X's rules for its channel, for the composer's counter and
/// for a rendered template: what ReplyDraft will accept, and, for a public reply over the limit,
/// the numbered thread it could become.
public struct ReplyTextCheck: Sendable, Hashable {
    /// The text as it would be sent: white space at both ends dropped, as `ReplyDraft` does.
    public var text: String
    public var channel: Channel
    /// Public: X's weighted length (twitter-text v3: URLs 23, CJK and emoji 2). DM: code points.
    public var length: Int
    public var limit: Int
    /// Whether X accepts it: not blank, within the limit, no character X refuses.
    public var isValid: Bool
    /// For a public reply over the limit, the posts `TweetThreadSplitter` would make, numbered
    /// ("… 1/2"); nil when the text fits, cannot be split, or is longer than a DM (no thread
    /// that long is worth previewing, and splitting it would cost the server for nothing).
    public var thread: [String]?

    public init(_ text: String, channel: Channel) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.text = trimmed
        self.channel = channel
        switch channel {
        case .public:
            let parsed = TweetTextParser.parse(trimmed)
            length = parsed.weightedLength
            limit = ReplyDraft.publicLimit
            isValid = parsed.isValid
            thread = parsed.weightedLength > limit && trimmed.unicodeScalars.count <= ReplyDraft.dmLimit
                ? try? TweetThreadSplitter().split(trimmed) : nil
        case .dm:
            length = DirectMessageText.length(of: trimmed)
            limit = ReplyDraft.dmLimit
            isValid = DirectMessageText.isValid(trimmed)
            thread = nil
        case .email:
            length = trimmed.count
            limit = ReplyDraft.emailLimit
            isValid = !trimmed.isEmpty && length <= limit
            thread = nil
        }
    }

    /// The text, if X accepts it; otherwise why not, with the thread for a long public reply.
    public func requireValid() throws(TemplateRenderError) -> String {
        guard !isValid else { return text }
        if text.isEmpty { throw .empty }
        if length > limit { throw .tooLong(length: length, limit: limit, thread: thread) }
        throw .invalidCharacters
    }
}
