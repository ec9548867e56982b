import FluentKit
import Foundation
import ParleyCore

/// Table `conversations`: one case per customer thread. `@unchecked Sendable`: see `HandleRecord`.
final class ConversationRecord: Model, @unchecked Sendable {
    static let schema = "conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "handle_id") var handleID: UUID
    @Field(key: "customer_id") var customerID: UUID
    @Field(key: "state") var state: String
    @Field(key: "has_public") var hasPublic: Bool
    @Field(key: "has_dm") var hasDM: Bool
    @Field(key: "has_email") var hasEmail: Bool
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "last_message_at") var lastMessageAt: Date
    @OptionalField(key: "awaiting_reply_since") var awaitingReplySince: Date?
    @Field(key: "message_count") var messageCount: Int
    @Field(key: "priority") var priority: Int
    @Field(key: "priority_reasons") var priorityReasons: String
    @Field(key: "handoff") var handoff: String
    @Field(key: "handoff_reasons") var handoffReasons: String
    @OptionalField(key: "suggested_reply") var suggestedReply: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "snoozed_until") var snoozedUntil: Date?
    @OptionalField(key: "previous_conversation_id") var previousConversationID: UUID?
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "team_id") var teamID: UUID?
    @OptionalField(key: "sla_due_at") var slaDueAt: Date?
    @Field(key: "sla_status") var slaStatus: String
    @OptionalField(key: "priority_override") var priorityOverride: Int?
    /// `PriorityAdjustment.effective(triage:)` of this row, kept by the ingest and the desk's writes.
    @Field(key: "effective_priority") var effectivePriority: Int

    init() {}

    func toDomain() throws -> Conversation {
        guard let state = ConversationState(rawValue: state) else {
            throw StoreError.corruptValue(table: Self.schema, column: "state", value: state)
        }
        return Conversation(
            id: try requireID(), handleID: handleID, customerID: customerID, state: state, hasPublic: hasPublic,
            hasDM: hasDM, openedAt: openedAt, lastMessageAt: lastMessageAt, awaitingReplySince: awaitingReplySince,
            messageCount: messageCount,
            triage: TriageColumns.conversation(
                priority: priority, priorityReasons: priorityReasons, handoff: handoff, handoffReasons: handoffReasons,
                suggestedReply: suggestedReply),
            resolvedAt: resolvedAt, snoozedUntil: snoozedUntil, previousConversationID: previousConversationID,
            priorityAdjustment: PriorityAdjustment(override: priorityOverride, slaBreached: slaStatus == SLAStanding.Status.breached.rawValue),
            hasEmail: hasEmail)
    }
}
