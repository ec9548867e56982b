/// Why a template cannot become a reply in this conversation. Messages name placeholders,
/// handles and limits, never the customer's data.
public enum TemplateRenderError: Error, Hashable, CustomStringConvertible {
    /// The placeholder has no value here; `owner` says whose value it is ("@AcmeCare").
    case missingValue(TemplatePlaceholder, owner: String)
    /// The value exists but cannot go into this reply.
    case unusableValue(TemplatePlaceholder, reason: String)
    case empty
    /// Over the channel's limit; for a public reply, the thread it could be split into.
    case tooLong(length: Int, limit: Int, thread: [String]?)
    /// The text holds characters X refuses (U+FFFE, U+FEFF, U+FFFF).
    case invalidCharacters

    public var description: String {
        switch self {
        case let .missingValue(placeholder, owner): "\(placeholder.written) has no value for \(owner)."
        case let .unusableValue(placeholder, reason): "\(placeholder.written) \(reason)"
        case .empty: "The rendered reply is empty."
        case let .tooLong(length, limit, thread):
            "The reply is \(length) characters long; the limit is \(limit)."
                + (thread.map { " It would make a thread of \($0.count) posts." } ?? "")
        case .invalidCharacters: "The reply holds characters X refuses (U+FFFE, U+FEFF or U+FFFF)."
        }
    }
}
