import Foundation

/// A post as X described it, already decoded from whichever payload format carried it.
/// ParleyX turns API v2 and Account Activity payloads into these; the pipeline takes it from here.
public struct InboundPost: Sendable, Equatable {
    /// The id of this version of the post.
    public var id: String
    /// All version ids, oldest first, this one last (X's `edit_history_tweet_ids`); `[id]` if never edited.
    public var editHistory: [String]
    public var text: String
    public var authorID: String
    public var createdAt: Date
    public var conversationID: String?
    public var inReplyToPostID: String?
    public var inReplyToUserID: String?
    public var quotedPostID: String?
    public var quotedAuthorID: String?
    public var retweetedPostID: String?
    public var retweetedAuthorID: String?
    /// Usernames mentioned in the text (without `@`), as X's entities list them.
    public var mentionedUsernames: [String]
    public var lang: String?
    /// Tags of the stream rules or searches that matched it, e.g. `handle:AcmeCare`.
    public var matchingTags: [String]

    public init(
        id: String, editHistory: [String] = [], text: String, authorID: String, createdAt: Date,
        conversationID: String? = nil, inReplyToPostID: String? = nil, inReplyToUserID: String? = nil,
        quotedPostID: String? = nil, quotedAuthorID: String? = nil, retweetedPostID: String? = nil,
        retweetedAuthorID: String? = nil, mentionedUsernames: [String] = [], lang: String? = nil,
        matchingTags: [String] = []
    ) {
        self.id = id
        self.editHistory = editHistory.isEmpty ? [id] : editHistory
        self.text = text
        self.authorID = authorID
        self.createdAt = createdAt
        self.conversationID = conversationID
        self.inReplyToPostID = inReplyToPostID
        self.inReplyToUserID = inReplyToUserID
        self.quotedPostID = quotedPostID
        self.quotedAuthorID = quotedAuthorID
        self.retweetedPostID = retweetedPostID
        self.retweetedAuthorID = retweetedAuthorID
        self.mentionedUsernames = mentionedUsernames
        self.lang = lang
        self.matchingTags = matchingTags
    }

    /// The id every version shares: the first in the edit history.
    public var originalID: String { editHistory.first ?? id }
}
