import FluentKit
import Foundation
import ParleyCore

/// Table `customers`: X users who write to the brand. `@unchecked Sendable`: see `HandleRecord`.
final class CustomerRecord: Model, @unchecked Sendable {
    static let schema = "customers"

    @ID(key: .id) var id: UUID?
    @Field(key: "x_user_id") var xUserID: String
    @Field(key: "username") var username: String
    @Field(key: "name") var name: String
    @Field(key: "followers_count") var followersCount: Int
    @Field(key: "verified") var verified: Bool
    @OptionalField(key: "profile_image_url") var profileImageURL: String?
    @OptionalField(key: "bio") var bio: String?

    init() {}

    func toDomain() throws -> Customer {
        Customer(
            id: try requireID(), xUserID: xUserID, username: username, name: name,
            followersCount: followersCount, verified: verified, profileImageURL: profileImageURL, bio: bio)
    }
}
