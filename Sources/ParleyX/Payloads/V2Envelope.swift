/// The API v2 response shape: a stream line or lookup (`data` is one object) or a page (`data`
/// is an array), with expansions in `includes` and partial failures in `errors`.
struct V2Envelope: Decodable, Sendable {
    var data: V2Data?
    var includes: V2Includes?
    var meta: V2Meta?
    var errors: [V2Problem]?
    var matchingRules: [V2MatchingRule]?

    enum CodingKeys: String, CodingKey {
        case data, includes, meta, errors
        case matchingRules = "matching_rules"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // `data` decides what the payload is, so its shape is checked, not guessed around.
        data = try c.decodeIfPresent(V2Data.self, forKey: .data)
        includes = c.lenient(V2Includes.self, .includes)
        meta = c.lenient(V2Meta.self, .meta)
        errors = c.lossyArray(V2Problem.self, .errors)
        matchingRules = c.lossyArray(V2MatchingRule.self, .matchingRules)
    }
}

/// `data`: one item or an array of them.
enum V2Data: Decodable, Sendable {
    case one(V2DataItem)
    case many([V2DataItem])

    init(from decoder: any Decoder) throws {
        if let items = try? [V2DataItem](from: decoder) {
            self = .many(items)
            return
        }
        let item = try V2DataItem(from: decoder)
        guard item != .notObject else {
            throw XPayloadError.invalidField(path: "data", reason: "expected an object or an array")
        }
        self = .one(item)
    }
}

/// One element of `data`, told apart by its fields: DM events have `event_type`, posts `text`,
/// users `username`. Anything else (counts, lists, spaces, compliance jobs, acknowledgements
/// such as `{"liked":true}`) is `other`.
enum V2DataItem: Decodable, Sendable, Equatable {
    case post(V2Post)
    case dmEvent(V2DMEvent)
    case user(V2User)
    case other
    case notObject

    private enum ProbeKeys: String, CodingKey {
        case text, username
        case eventType = "event_type"
    }

    init(from decoder: any Decoder) throws {
        guard let probe = try? decoder.container(keyedBy: ProbeKeys.self) else {
            self = .notObject
            return
        }
        if probe.contains(.eventType) {
            self = (try? V2DMEvent(from: decoder)).map(V2DataItem.dmEvent) ?? .notObject
        } else if probe.contains(.text) {
            self = (try? V2Post(from: decoder)).map(V2DataItem.post) ?? .notObject
        } else if probe.contains(.username) {
            self = (try? V2User(from: decoder)).map(V2DataItem.user) ?? .notObject
        } else {
            self = .other
        }
    }
}

/// `includes`: the expansions. Media, places and polls are not read.
struct V2Includes: Decodable, Sendable {
    var users: LossyArray<V2User>?
    /// Referenced posts (quoted, retweeted, replied to, pinned). Never delivered as posts: they
    /// only tell who wrote a quoted or retweeted post.
    var tweets: [V2Post]?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        users = c.lenient(LossyArray<V2User>.self, .users)
        tweets = c.lossyArray(V2Post.self, .tweets)
    }

    enum CodingKeys: String, CodingKey {
        case users, tweets
    }
}

struct V2Meta: Decodable, Sendable {
    var newestID: String?
    var oldestID: String?
    var resultCount: Int?
    var nextToken: String?
    var previousToken: String?

    enum CodingKeys: String, CodingKey {
        case newestID = "newest_id"
        case oldestID = "oldest_id"
        case resultCount = "result_count"
        case nextToken = "next_token"
        case previousToken = "previous_token"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        newestID = c.flexibleID(.newestID)
        oldestID = c.flexibleID(.oldestID)
        resultCount = c.lenientInt(.resultCount)
        nextToken = c.lenient(String.self, .nextToken)
        previousToken = c.lenient(String.self, .previousToken)
    }
}

/// One of `errors`: an RFC 7807 problem for one resource that could not be returned.
struct V2Problem: Decodable, Sendable {
    var title: String?
    var detail: String?
    var type: String?
    var resourceType: String?
    var resourceID: String?
    var parameter: String?

    enum CodingKeys: String, CodingKey {
        case title, detail, type, parameter
        case resourceType = "resource_type"
        case resourceID = "resource_id"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = c.lenient(String.self, .title)
        detail = c.lenient(String.self, .detail)
        type = c.lenient(String.self, .type)
        resourceType = c.lenient(String.self, .resourceType)
        resourceID = c.flexibleID(.resourceID)
        parameter = c.lenient(String.self, .parameter)
    }
}

/// A filtered-stream rule that matched (`tag` may be null; older streams sent `id` as a number).
/// v1.1 enterprise posts carry the same shape inside the post.
struct V2MatchingRule: Decodable, Sendable {
    var id: String?
    var tag: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.flexibleID(.id)
        tag = c.lenient(String.self, .tag)
    }

    enum CodingKeys: String, CodingKey {
        case id, tag
    }
}
