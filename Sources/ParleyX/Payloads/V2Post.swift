/// An API v2 post object. Every field is optional: which ones arrive depends on the request's
/// `tweet.fields`, and the decoder decides what a post cannot do without.
struct V2Post: Codable, Sendable, Equatable {
    var id: String?
    var text: String?
    var authorID: String?
    var createdAt: String?
    var conversationID: String?
    var inReplyToUserID: String?
    var referencedTweets: [V2ReferencedTweet]?
    var entities: V2Entities?
    var lang: String?
    var editHistoryTweetIDs: [String]?
    var noteTweet: V2NoteTweet?
    /// twarc's flattened form embeds the expanded author and replied-to user in the post.
    var author: V2User?
    var inReplyToUser: V2User?

    enum CodingKeys: String, CodingKey {
        case id, text, lang, entities, author
        case authorID = "author_id"
        case createdAt = "created_at"
        case conversationID = "conversation_id"
        case inReplyToUserID = "in_reply_to_user_id"
        case referencedTweets = "referenced_tweets"
        case editHistoryTweetIDs = "edit_history_tweet_ids"
        case noteTweet = "note_tweet"
        case inReplyToUser = "in_reply_to_user"
    }

    init(
        id: String?, text: String?, authorID: String? = nil, createdAt: String? = nil,
        conversationID: String? = nil, inReplyToUserID: String? = nil,
        referencedTweets: [V2ReferencedTweet]? = nil, entities: V2Entities? = nil, lang: String? = nil,
        editHistoryTweetIDs: [String]? = nil, noteTweet: V2NoteTweet? = nil
    ) {
        self.id = id
        self.text = text
        self.authorID = authorID
        self.createdAt = createdAt
        self.conversationID = conversationID
        self.inReplyToUserID = inReplyToUserID
        self.referencedTweets = referencedTweets
        self.entities = entities
        self.lang = lang
        self.editHistoryTweetIDs = editHistoryTweetIDs
        self.noteTweet = noteTweet
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.flexibleID(.id)
        text = c.lenient(String.self, .text)
        authorID = c.flexibleID(.authorID)
        createdAt = c.lenient(String.self, .createdAt)
        conversationID = c.flexibleID(.conversationID)
        inReplyToUserID = c.flexibleID(.inReplyToUserID)
        referencedTweets = c.lossyArray(V2ReferencedTweet.self, .referencedTweets)
        entities = c.lenient(V2Entities.self, .entities)
        lang = c.lenient(String.self, .lang)
        editHistoryTweetIDs = c.lenient([String].self, .editHistoryTweetIDs)
        noteTweet = c.lenient(V2NoteTweet.self, .noteTweet)
        author = c.lenient(V2User.self, .author)
        inReplyToUser = c.lenient(V2User.self, .inReplyToUser)
    }
}

/// `referenced_tweets[]`: `{type: replied_to | quoted | retweeted, id}`. twarc's flattened form
/// also embeds the referenced post; of that, only its author matters here.
struct V2ReferencedTweet: Codable, Sendable, Equatable {
    var type: String?
    var id: String?
    var authorID: String?
    /// The flattened form's expanded author; read, never written.
    var embeddedAuthor: V2User?

    enum CodingKeys: String, CodingKey {
        case type, id
        case authorID = "author_id"
        case author
    }

    init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = c.lenient(String.self, .type)
        id = c.flexibleID(.id)
        authorID = c.flexibleID(.authorID)
        embeddedAuthor = c.lenient(V2User.self, .author)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(authorID, forKey: .authorID)
    }
}
