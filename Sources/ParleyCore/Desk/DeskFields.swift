import Foundation

/// The desk's columns of a case: who has it, which team, overrides, SLA.
public struct DeskFields: Sendable, Equatable {
    public var assigneeID: UUID?
    public var assigneeName: String?
    public var teamID: UUID?
    public var assignedAt: Date?
    public var priorityOverride: Int?
    public var snoozedUntil: Date?
    public var previousConversationID: UUID?
    public var slaStatus: String
    public var firstResponseDueAt: Date?
    public var nextResponseDueAt: Date?
    public var resolutionDueAt: Date?

    public init(assigneeID: UUID?, assigneeName: String?, teamID: UUID?, assignedAt: Date?, priorityOverride: Int?, snoozedUntil: Date?, previousConversationID: UUID?, slaStatus: String, firstResponseDueAt: Date?, nextResponseDueAt: Date?, resolutionDueAt: Date?) {
        self.assigneeID = assigneeID
        self.assigneeName = assigneeName
        self.teamID = teamID
        self.assignedAt = assignedAt
        self.priorityOverride = priorityOverride
        self.snoozedUntil = snoozedUntil
        self.previousConversationID = previousConversationID
        self.slaStatus = slaStatus
        self.firstResponseDueAt = firstResponseDueAt
        self.nextResponseDueAt = nextResponseDueAt
        self.resolutionDueAt = resolutionDueAt
    }
}
