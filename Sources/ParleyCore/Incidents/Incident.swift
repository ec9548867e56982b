import Foundation

/// Trouble the brand is handling as one thing: opened from a spike alert or by hand, with a
/// severity, an owner, the cases it covers, a timeline, and a holding statement sent to them.
public struct Incident: Sendable, Equatable, Codable {
    /// A problem is answered by the care team; a crisis brings in communications and legal.
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case problem, crisis
    }

    public enum State: String, Sendable, Codable, CaseIterable {
        case open, resolved
    }

    public var id: UUID
    public var title: String
    public var severity: Severity
    public var state: State
    public var ownerID: UUID?
    public var alertID: UUID?
    public var issueID: UUID?
    /// A template body (`{{customer.name}}` and the other placeholders), sent to each linked case.
    public var holdingStatement: String?
    public var createdBy: UUID?
    public var createdAt: Date
    public var resolvedAt: Date?

    public init(
        id: UUID, title: String, severity: Severity, state: State = .open, ownerID: UUID?, alertID: UUID? = nil, issueID: UUID? = nil,
        holdingStatement: String? = nil, createdBy: UUID?, createdAt: Date, resolvedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.state = state
        self.ownerID = ownerID
        self.alertID = alertID
        self.issueID = issueID
        self.holdingStatement = holdingStatement
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
    }

    /// A title as given: trimmed, at most 200 characters, not empty.
    public static func title(_ raw: String) throws(IncidentError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .titleRequired }
        return String(trimmed.prefix(200))
    }
}

/// One line of an incident's timeline.
public struct IncidentEvent: Sendable, Equatable, Codable {
    public var id: UUID
    public var incidentID: UUID
    public var at: Date
    public var actorID: UUID?
    public var text: String

    public init(id: UUID, incidentID: UUID, at: Date, actorID: UUID?, text: String) {
        self.id = id
        self.incidentID = incidentID
        self.at = at
        self.actorID = actorID
        self.text = text
    }
}

public enum IncidentError: Error, Sendable, Equatable, CustomStringConvertible {
    case titleRequired
    case notFound
    case resolved
    case noStatement
    case notConfirmed(cases: Int)

    public var description: String {
        switch self {
        case .titleRequired: "An incident needs a title."
        case .notFound: "No such incident."
        case .resolved: "The incident is resolved; open a new one."
        case .noStatement: "Write the holding statement first."
        case .notConfirmed(let cases): "Sending the holding statement replies in public to \(cases) case\(cases == 1 ? "" : "s"); confirm to send."
        }
    }
}
