import Foundation

/// One switch for trouble: while it is on, the chosen handles publish nothing scheduled.
///
/// Checked by the publisher in the same transaction that would send a post, so a post due during
/// the pause never goes out. Ending it sends the posts it held to review, not out.
public struct CrisisMode: Sendable, Equatable, Codable {
    public var id: UUID
    public var reason: String
    /// The handles whose scheduled posts are paused.
    public var handleIDs: [UUID]
    public var startedBy: UUID?
    public var startedAt: Date
    public var incidentID: UUID?
    public var endedBy: UUID?
    public var endedAt: Date?

    public init(
        id: UUID, reason: String, handleIDs: [UUID], startedBy: UUID?, startedAt: Date, incidentID: UUID? = nil,
        endedBy: UUID? = nil, endedAt: Date? = nil
    ) {
        self.id = id
        self.reason = reason
        self.handleIDs = handleIDs
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.incidentID = incidentID
        self.endedBy = endedBy
        self.endedAt = endedAt
    }

    public var isActive: Bool { endedAt == nil }

    public func pauses(_ handleID: UUID) -> Bool { isActive && handleIDs.contains(handleID) }

    /// The handles a crisis pauses when the supervisor names none: every marketing handle.
    public static func defaultHandles(_ handles: [Handle]) -> [UUID] {
        handles.filter { $0.role == .marketing }.map(\.id)
    }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case reasonRequired
        case alreadyOn(since: Date)
        case notOn
        case noHandles

        public var description: String {
            switch self {
            case .reasonRequired: "Crisis mode needs a reason: it is shown on every page and sent to the escalation list."
            case .alreadyOn(let since): "Crisis mode is already on (since \(since.formatted(.iso8601)))."
            case .notOn: "Crisis mode is not on."
            case .noHandles: "Choose the handles to pause: there is no marketing handle to pause by default."
            }
        }
    }

    /// The reason as given, or the error for an empty one. At most 500 characters are kept.
    public static func reason(_ text: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .reasonRequired }
        return String(trimmed.prefix(500))
    }
}
