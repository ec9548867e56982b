import FluentKit
import Foundation

/// Table `outbox`: replies waiting to be sent, being sent, sent or failed.
/// `@unchecked Sendable`: see `HandleRecord`.
final class OutboxRecord: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "conversation_id") var conversationID: UUID?
    @OptionalField(key: "scheduled_post_id") var scheduledPostID: UUID?
    @OptionalField(key: "part") var part: Int?
    @Field(key: "handle_id") var handleID: UUID
    @Field(key: "channel") var channel: String
    @Field(key: "text") var text: String
    @OptionalField(key: "in_reply_to_x_id") var inReplyToXID: String?
    @OptionalField(key: "recipient_x_user_id") var recipientXUserID: String?
    @Field(key: "state") var state: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_expires_at") var leaseExpiresAt: Date?
    @OptionalField(key: "x_id") var xID: String?
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}
