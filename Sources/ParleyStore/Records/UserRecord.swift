import FluentKit
import Foundation

/// Table `users`: people who log in to the desk. `@unchecked Sendable`: see `HandleRecord`.
final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
