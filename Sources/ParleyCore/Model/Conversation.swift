import Foundation

/// One case: a customer's public thread with a handle, their DMs and e-mails with it, as one unit of work.
public struct Conversation: Sendable, Equatable, Codable {
    public var id: UUID
    public var handleID: UUID
    public var customerID: UUID
    public var state: ConversationState
    public var hasPublic: Bool
    public var hasDM: Bool
    public var hasEmail: Bool
    public var openedAt: Date
    public var lastMessageAt: Date
    /// When the customer last wrote; nil once the brand has answered everything.
    public var awaitingReplySince: Date?
    public var messageCount: Int
    public var triage: ConversationTriage
    /// When an agent last resolved it; a customer writing later than the reopen window after
    /// that opens a new case instead.
    public var resolvedAt: Date?
    /// A snoozed case wakes at this time (or at the customer's next message).
    public var snoozedUntil: Date?
    /// The customer's earlier case this one follows (opened after the reopen window).
    public var previousConversationID: UUID?
    /// The desk's override and SLA raise (the desk sets them; the pipeline carries them).
    public var priorityAdjustment: PriorityAdjustment
    /// Its messages' times, kinds and intents, for the reports.
    public var timeline: ConversationTimeline

    /// The priority the desk works by: triage's, adjusted.
    public var priority: Int { priorityAdjustment.effective(triage: triage.priority) }
    public var priorityReasons: [String] { priorityAdjustment.reasons(triage: triage.priorityReasons) }

    public init(
        id: UUID, handleID: UUID, customerID: UUID, state: ConversationState, hasPublic: Bool,
        hasDM: Bool, openedAt: Date, lastMessageAt: Date, awaitingReplySince: Date?, messageCount: Int,
        triage: ConversationTriage = ConversationTriage(), resolvedAt: Date? = nil, snoozedUntil: Date? = nil,
        previousConversationID: UUID? = nil, priorityAdjustment: PriorityAdjustment = .none, hasEmail: Bool = false,
        timeline: ConversationTimeline = ConversationTimeline()
    ) {
        self.id = id
        self.handleID = handleID
        self.customerID = customerID
        self.state = state
        self.hasPublic = hasPublic
        self.hasDM = hasDM
        self.hasEmail = hasEmail
        self.openedAt = openedAt
        self.lastMessageAt = lastMessageAt
        self.awaitingReplySince = awaitingReplySince
        self.messageCount = messageCount
        self.triage = triage
        self.resolvedAt = resolvedAt
        self.snoozedUntil = snoozedUntil
        self.previousConversationID = previousConversationID
        self.priorityAdjustment = priorityAdjustment
        self.timeline = timeline
    }
}

extension Conversation {
    /// Where the customer and the brand talk in this case: public first, then DM, then e-mail.
    public var channels: [Channel] {
        (hasPublic ? [.public] : []) + (hasDM ? [.dm] : []) + (hasEmail ? [.email] : [])
    }

    /// The reference customers quote in e-mail subjects (`[Case #3F2A9C1B]`).
    public var reference: String { CaseReference.of(id) }
}
