/// A v2 post's (or note tweet's) `entities`. Only mentions feed the pipeline; the rest is kept
/// small so a post with hundreds of URLs stays cheap to read.
struct V2Entities: Codable, Sendable, Equatable {
    var mentions: [V2Mention]?
    var urls: [V2URL]?
    var hashtags: [V2Tag]?
    var cashtags: [V2Tag]?

    init(mentions: [V2Mention]? = nil) {
        self.mentions = mentions
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mentions = c.lossyArray(V2Mention.self, .mentions)
        urls = c.lossyArray(V2URL.self, .urls)
        hashtags = c.lossyArray(V2Tag.self, .hashtags)
        cashtags = c.lossyArray(V2Tag.self, .cashtags)
    }
}

/// `entities.mentions[]`. twarc's flattened form merges the mentioned user's profile into it.
struct V2Mention: Codable, Sendable, Equatable {
    var start: Int?
    var end: Int?
    var username: String?
    var id: String?
    /// The merged profile (flattened form only); read, never written.
    var user: V2User?

    enum CodingKeys: String, CodingKey {
        case start, end, username, id
        case name
    }

    init(start: Int?, end: Int?, username: String, id: String?) {
        self.start = start
        self.end = end
        self.username = username
        self.id = id
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = c.lenientInt(.start)
        end = c.lenientInt(.end)
        username = c.lenient(String.self, .username)
        id = c.flexibleID(.id)
        if c.contains(.name) { user = try? V2User(from: decoder) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(start, forKey: .start)
        try c.encodeIfPresent(end, forKey: .end)
        try c.encodeIfPresent(username, forKey: .username)
        try c.encodeIfPresent(id, forKey: .id)
    }
}

struct V2URL: Codable, Sendable, Equatable {
    var start: Int?
    var end: Int?
    var url: String?
    var expandedURL: String?

    enum CodingKeys: String, CodingKey {
        case start, end, url
        case expandedURL = "expanded_url"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = c.lenientInt(.start)
        end = c.lenientInt(.end)
        url = c.lenient(String.self, .url)
        expandedURL = c.lenient(String.self, .expandedURL)
    }
}

/// A hashtag or cashtag.
struct V2Tag: Codable, Sendable, Equatable {
    var start: Int?
    var end: Int?
    var tag: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = c.lenientInt(.start)
        end = c.lenientInt(.end)
        tag = c.lenient(String.self, .tag)
    }
}

/// `note_tweet`: the full text (and its entities) of a post longer than 280 characters, whose
/// `text` is then cut short.
struct V2NoteTweet: Codable, Sendable, Equatable {
    var text: String?
    var entities: V2Entities?

    init(text: String?, entities: V2Entities?) {
        self.text = text
        self.entities = entities
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = c.lenient(String.self, .text)
        entities = c.lenient(V2Entities.self, .entities)
    }
}
