import Foundation

/// One post or direct message, normalized from whatever source delivered it.
public struct Message: Sendable, Equatable, Codable {
    public var id: UUID
    /// X's id of the first version of the post (or the DM event id; `mail:<Message-ID>` for an
    /// e-mail). Edits keep this id.
    public var xID: String
    /// X's id of the version whose text we hold (differs from `xID` after an edit).
    public var xVersionID: String
    public var kind: MessageKind
    public var conversationID: UUID?
    public var handleID: UUID?
    /// The X user who wrote it (a customer, or one of the brand's handles); `email:<address>` for
    /// a customer's e-mail (`CustomerIdentity`).
    public var authorXUserID: String
    public var text: String
    public var createdAt: Date
    public var inReplyToXID: String?
    public var lang: String?
    /// Triage of a customer's message; nil for the brand's own and when triage is off.
    public var triage: MessageTriage?
    /// An e-mail's subject; nil for posts and DMs.
    public var subject: String?

    public init(
        id: UUID, xID: String, xVersionID: String, kind: MessageKind, conversationID: UUID?,
        handleID: UUID?, authorXUserID: String, text: String, createdAt: Date,
        inReplyToXID: String?, lang: String?, triage: MessageTriage? = nil, subject: String? = nil
    ) {
        self.id = id
        self.xID = xID
        self.xVersionID = xVersionID
        self.kind = kind
        self.conversationID = conversationID
        self.handleID = handleID
        self.authorXUserID = authorXUserID
        self.text = text
        self.createdAt = createdAt
        self.inReplyToXID = inReplyToXID
        self.lang = lang
        self.triage = triage
        self.subject = subject
    }
}
