/// An X user profile as a payload's `includes.users` (or v1.1 `user`) described it.
public struct InboundUser: Sendable, Equatable {
    public var id: String
    public var username: String
    public var name: String
    public var followersCount: Int
    public var verified: Bool
    public var profileImageURL: String?
    public var bio: String?

    public init(
        id: String, username: String, name: String, followersCount: Int = 0, verified: Bool = false,
        profileImageURL: String? = nil, bio: String? = nil
    ) {
        self.id = id
        self.username = username
        self.name = name
        self.followersCount = followersCount
        self.verified = verified
        self.profileImageURL = profileImageURL
        self.bio = bio
    }
}
