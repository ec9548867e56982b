import Foundation

/// An X user who is not one of the brand's handles, as last seen in a payload.
public struct Customer: Sendable, Equatable, Codable {
    public var id: UUID
    public var xUserID: String
    public var username: String
    public var name: String
    public var followersCount: Int
    public var verified: Bool
    public var profileImageURL: String?
    public var bio: String?

    public init(
        id: UUID, xUserID: String, username: String, name: String,
        followersCount: Int, verified: Bool, profileImageURL: String? = nil, bio: String? = nil
    ) {
        self.id = id
        self.xUserID = xUserID
        self.username = username
        self.name = name
        self.followersCount = followersCount
        self.verified = verified
        self.profileImageURL = profileImageURL
        self.bio = bio
    }
}
