import FluentKit
import Foundation

/// Table `scheduled_posts`. `parts` and `sent_x_ids` are JSON arrays; `hold` is a `HoldReason`
/// as JSON. `@unchecked Sendable`: see `HandleRecord`.
final class ScheduledPostRecord: Model, @unchecked Sendable {
    static let schema = "scheduled_posts"

    @ID(key: .id) var id: UUID?
    @Field(key: "handle_id") var handleID: UUID
    @Field(key: "text") var text: String
    @Field(key: "parts") var parts: String
    @Field(key: "due_at") var dueAt: Date
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "state") var state: String
    @OptionalField(key: "author_id") var authorID: UUID?
    @OptionalField(key: "approved_by") var approvedBy: UUID?
    @OptionalField(key: "rejection_note") var rejectionNote: String?
    @OptionalField(key: "hold") var hold: String?
    @OptionalField(key: "release_at") var releaseAt: Date?
    @OptionalField(key: "error") var error: String?
    @Field(key: "sent_x_ids") var sentXIDs: String
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

/// Table `crisis_modes`: every time crisis mode was switched on; the row without `ended_at` is on.
/// `@unchecked Sendable`: see `HandleRecord`.
final class CrisisModeRecord: Model, @unchecked Sendable {
    static let schema = "crisis_modes"

    @ID(key: .id) var id: UUID?
    @Field(key: "reason") var reason: String
    /// Handle ids, one per line.
    @Field(key: "handle_ids") var handleIDs: String
    @OptionalField(key: "started_by") var startedBy: UUID?
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "incident_id") var incidentID: UUID?
    @OptionalField(key: "ended_by") var endedBy: UUID?
    @OptionalField(key: "ended_at") var endedAt: Date?

    init() {}
}
