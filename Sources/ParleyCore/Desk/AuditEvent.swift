import Foundation

/// What happened to a case, in its audit trail. The raw value is what the store keeps.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case replied
    /// An agent took the case for themselves.
    case took
    case assigned
    case unassigned
    /// An agent took the reply from whoever held it.
    case tookOver = "took_over"
    case resolve
    case reopen
    case pending
    case snooze
    case tagged
    case untagged
    case noted
    case priority
    case macro
    case routed
    case team
    case requeued
    case slaBreached = "sla_breached"
    case woke
    /// Linked to an incident, or sent its holding statement.
    case incident
    /// Resolved as a troll: out of SLA and reports.
    case troll
    /// The author muted (on X) or blocked (on the desk); a reply hidden in the brand's thread.
    case muted
    case blocked
    case hidden
    /// An agent confirmed the customer's e-mail address (their X and e-mail cases join on the card).
    case emailConfirmed = "email_confirmed"
    /// The customer answered (or changed their answer to) the satisfaction survey.
    case csatAnswered = "csat_answered"

    /// The trail's entry for a state change.
    public init(_ kind: DeskAction.Kind) {
        switch kind {
        case .resolve: self = .resolve
        case .reopen: self = .reopen
        case .pending: self = .pending
        case .snooze: self = .snooze
        }
    }
}

/// One entry of a case's audit trail.
public struct AuditEvent: Sendable, Equatable, Codable {
    public var id: UUID
    public var conversationID: UUID
    /// Nil for the desk's own actions (auto-assignment, requeue, a snooze waking).
    public var actorID: UUID?
    public var action: AuditAction
    public var detail: String
    public var createdAt: Date

    public init(id: UUID, conversationID: UUID, actorID: UUID?, action: AuditAction, detail: String, createdAt: Date) {
        self.id = id
        self.conversationID = conversationID
        self.actorID = actorID
        self.action = action
        self.detail = detail
        self.createdAt = createdAt
    }
}
