/// A v1.1 post object, as Account Activity's `tweet_create_events` (and enterprise streams)
/// deliver it. Ids are read from the `*_str` fields only: the numeric `id`s exceed 2^53, and
/// X's own documentation prints them rounded.
struct V1Tweet: Codable, Sendable, Equatable {
    var idStr: String?
    var text: String?
    var fullText: String?
    var truncated: Bool?
    var extendedTweet: V1ExtendedTweet?
    var user: V1User?
    var createdAt: String?
    var inReplyToStatusIDStr: String?
    var inReplyToUserIDStr: String?
    var quotedStatusIDStr: String?
    var quotedStatus: V1TweetBox?
    var retweetedStatus: V1TweetBox?
    var entities: V1Entities?
    var lang: String?
    var matchingRules: [V1MatchingRule]?
    var editHistory: V1EditHistory?

    enum CodingKeys: String, CodingKey {
        case text, truncated, user, entities, lang
        case idStr = "id_str"
        case fullText = "full_text"
        case extendedTweet = "extended_tweet"
        case createdAt = "created_at"
        case inReplyToStatusIDStr = "in_reply_to_status_id_str"
        case inReplyToUserIDStr = "in_reply_to_user_id_str"
        case quotedStatusIDStr = "quoted_status_id_str"
        case quotedStatus = "quoted_status"
        case retweetedStatus = "retweeted_status"
        case matchingRules = "matching_rules"
        case editHistory = "edit_history"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        idStr = c.lenient(String.self, .idStr)
        text = c.lenient(String.self, .text)
        fullText = c.lenient(String.self, .fullText)
        truncated = c.lenientBool(.truncated)
        extendedTweet = c.lenient(V1ExtendedTweet.self, .extendedTweet)
        user = c.lenient(V1User.self, .user)
        createdAt = c.lenient(String.self, .createdAt)
        inReplyToStatusIDStr = c.lenient(String.self, .inReplyToStatusIDStr)
        inReplyToUserIDStr = c.lenient(String.self, .inReplyToUserIDStr)
        quotedStatusIDStr = c.lenient(String.self, .quotedStatusIDStr)
        quotedStatus = c.lenient(V1TweetBox.self, .quotedStatus)
        retweetedStatus = c.lenient(V1TweetBox.self, .retweetedStatus)
        entities = c.lenient(V1Entities.self, .entities)
        lang = c.lenient(String.self, .lang)
        matchingRules = c.lossyArray(V1MatchingRule.self, .matchingRules)
        editHistory = c.lenient(V1EditHistory.self, .editHistory)
    }

    /// The whole text: `extended_tweet.full_text` for posts over 140 characters, else `full_text`
    /// (extended mode), else `text`.
    var wholeText: String { extendedTweet?.fullText ?? fullText ?? text ?? "" }
}

/// Holds a nested post (`quoted_status`, `retweeted_status`): a struct cannot contain itself.
final class V1TweetBox: Codable, Sendable, Equatable {
    let tweet: V1Tweet

    init(_ tweet: V1Tweet) { self.tweet = tweet }

    init(from decoder: any Decoder) throws { tweet = try V1Tweet(from: decoder) }

    func encode(to encoder: any Encoder) throws { try tweet.encode(to: encoder) }

    static func == (a: V1TweetBox, b: V1TweetBox) -> Bool { a.tweet == b.tweet }
}

struct V1ExtendedTweet: Codable, Sendable, Equatable {
    var fullText: String?
    var entities: V1Entities?

    enum CodingKeys: String, CodingKey {
        case entities
        case fullText = "full_text"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fullText = c.lenient(String.self, .fullText)
        entities = c.lenient(V1Entities.self, .entities)
    }
}

struct V1Entities: Codable, Sendable, Equatable {
    var userMentions: [V1UserMention]?

    enum CodingKeys: String, CodingKey {
        case userMentions = "user_mentions"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        userMentions = c.lossyArray(V1UserMention.self, .userMentions)
    }
}

struct V1UserMention: Codable, Sendable, Equatable {
    var screenName: String?
    var idStr: String?

    enum CodingKeys: String, CodingKey {
        case screenName = "screen_name"
        case idStr = "id_str"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        screenName = c.lenient(String.self, .screenName)
        idStr = c.lenient(String.self, .idStr)
    }
}

struct V1MatchingRule: Codable, Sendable, Equatable {
    var tag: String?

    init(from decoder: any Decoder) throws {
        tag = try decoder.container(keyedBy: CodingKeys.self).lenient(String.self, .tag)
    }
}

/// `edit_history`: `{initial_tweet_id, edit_tweet_ids}` on posts since edits were introduced.
struct V1EditHistory: Codable, Sendable, Equatable {
    var editTweetIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case editTweetIDs = "edit_tweet_ids"
    }

    init(from decoder: any Decoder) throws {
        editTweetIDs = try decoder.container(keyedBy: CodingKeys.self).lenient([String].self, .editTweetIDs)
    }
}

/// A v1.1 user object: embedded in a post as `user`, or a value of Account Activity's `users`.
struct V1User: Codable, Sendable, Equatable {
    var idStr: String?
    /// Account Activity's `users` map writes the id as a string under `id`.
    var id: String?
    var screenName: String?
    var name: String?
    var followersCount: Int?
    var verified: Bool?
    var description: String?
    var profileImageURLHTTPS: String?
    var profileImageURL: String?

    enum CodingKeys: String, CodingKey {
        case id, name, verified, description
        case idStr = "id_str"
        case screenName = "screen_name"
        case followersCount = "followers_count"
        case profileImageURLHTTPS = "profile_image_url_https"
        case profileImageURL = "profile_image_url"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        idStr = c.lenient(String.self, .idStr)
        id = c.lenient(String.self, .id)
        screenName = c.lenient(String.self, .screenName)
        name = c.lenient(String.self, .name)
        followersCount = c.lenientInt(.followersCount)
        verified = c.lenientBool(.verified)
        description = c.lenient(String.self, .description)
        profileImageURLHTTPS = c.lenient(String.self, .profileImageURLHTTPS)
        profileImageURL = c.lenient(String.self, .profileImageURL)
    }

    var userID: String? { idStr ?? id }
}
