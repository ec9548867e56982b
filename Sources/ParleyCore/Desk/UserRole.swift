import Foundation

/// What a user may do. Each role can do what the roles after it can.
public enum UserRole: String, Sendable, Codable, CaseIterable {
    /// Everything: users, teams, handles, rules, templates, SLA policies, auto-replies.
    case admin
    /// The team's work: assign and reassign anyone's cases, the dashboard, templates.
    case supervisor
    /// Works the queue: reads, replies, notes, tags, resolves.
    case agent

    /// Whether this role includes everything `other` may do.
    public func includes(_ other: UserRole) -> Bool {
        rank >= other.rank
    }

    private var rank: Int {
        switch self {
        case .admin: 2
        case .supervisor: 1
        case .agent: 0
        }
    }
}

/// A signed-in member of the desk.
public struct DeskUser: Sendable, Equatable, Codable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: UserRole
    /// Whether they take new cases (`online`), as they last set it or the desk pass did.
    public var status: AgentStatus

    public init(id: UUID, email: String, name: String, role: UserRole, status: AgentStatus) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.status = status
    }
}
