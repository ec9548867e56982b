/// An API v2 user object, from `includes.users`, a user lookup's `data`, or an embedded author.
struct V2User: Codable, Sendable, Equatable {
    var id: String?
    var name: String?
    var username: String?
    var verified: Bool?
    /// `blue`, `business`, `government` or `none`.
    var verifiedType: String?
    var description: String?
    var profileImageURL: String?
    var publicMetrics: V2UserMetrics?

    enum CodingKeys: String, CodingKey {
        case id, name, username, verified, description
        case verifiedType = "verified_type"
        case profileImageURL = "profile_image_url"
        case publicMetrics = "public_metrics"
    }

    init(
        id: String?, name: String?, username: String?, verified: Bool? = nil, verifiedType: String? = nil,
        description: String? = nil, profileImageURL: String? = nil, publicMetrics: V2UserMetrics? = nil
    ) {
        self.id = id
        self.name = name
        self.username = username
        self.verified = verified
        self.verifiedType = verifiedType
        self.description = description
        self.profileImageURL = profileImageURL
        self.publicMetrics = publicMetrics
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.flexibleID(.id)
        name = c.lenient(String.self, .name)
        username = c.lenient(String.self, .username)
        verified = c.lenientBool(.verified)
        verifiedType = c.lenient(String.self, .verifiedType)
        description = c.lenient(String.self, .description)
        profileImageURL = c.lenient(String.self, .profileImageURL)
        publicMetrics = c.lenient(V2UserMetrics.self, .publicMetrics)
    }
}

struct V2UserMetrics: Codable, Sendable, Equatable {
    var followersCount: Int?
    var followingCount: Int?
    var tweetCount: Int?
    var listedCount: Int?

    enum CodingKeys: String, CodingKey {
        case followersCount = "followers_count"
        case followingCount = "following_count"
        case tweetCount = "tweet_count"
        case listedCount = "listed_count"
    }

    init(followersCount: Int?) {
        self.followersCount = followersCount
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        followersCount = c.lenientInt(.followersCount)
        followingCount = c.lenientInt(.followingCount)
        tweetCount = c.lenientInt(.tweetCount)
        listedCount = c.lenientInt(.listedCount)
    }
}
