import FluentKit
import Foundation

/// Table `sandbox_posts`: what the local X sandbox "published". It stands in for X until the real
/// transport is configured, and lets the sender check whether a post already went out.
/// `@unchecked Sendable`: see `HandleRecord`.
final class SandboxPostRecord: Model, @unchecked Sendable {
    static let schema = "sandbox_posts"

    @ID(key: .id) var id: UUID?
    @Field(key: "x_id") var xID: String
    @Field(key: "idempotency_key") var idempotencyKey: String
    @Field(key: "channel") var channel: String
    @Field(key: "author_x_user_id") var authorXUserID: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
