import Foundation

/// An agent as auto-assignment sees them.
public struct AgentLoad: Sendable, Equatable {
    public var id: UUID
    public var status: AgentStatus
    /// Most open cases they may hold.
    public var capacity: Int
    /// Open (not resolved) cases assigned to them now.
    public var open: Int
    /// Languages and topics, lower-cased (`en`, `billing`).
    public var skills: Set<String>
    /// When they were last given a case; the longest-waiting goes first among equals.
    public var lastAssignedAt: Date?

    public init(id: UUID, status: AgentStatus, capacity: Int, open: Int, skills: Set<String>, lastAssignedAt: Date?) {
        self.id = id
        self.status = status
        self.capacity = capacity
        self.open = open
        self.skills = skills
        self.lastAssignedAt = lastAssignedAt
    }

    public var hasRoom: Bool { open < capacity }
}

/// Who gets the next case: an online agent with room and every needed skill, least loaded first,
/// then the one who has waited longest since their last case (round-robin among equals).
public enum AssignmentPolicy {
    public static func choose(needing skills: Set<String>, among agents: [AgentLoad]) -> UUID? {
        agents
            .filter { $0.status == .online && $0.hasRoom && skills.isSubset(of: $0.skills) }
            .min { a, b in
                if a.open != b.open { return a.open < b.open }
                let (x, y) = (a.lastAssignedAt ?? .distantPast, b.lastAssignedAt ?? .distantPast)
                if x != y { return x < y }
                return a.id.uuidString < b.id.uuidString
            }?
            .id
    }

    /// Assigns `count` cases one by one, updating loads as it goes; returns the agent for each
    /// case in order (nil: nobody has room, the case waits in the team's queue).
    public static func distribute(
        _ needs: [Set<String>], among agents: [AgentLoad], at date: Date
    ) -> [UUID?] {
        var agents = agents
        return needs.map { skills in
            guard let chosen = choose(needing: skills, among: agents),
                  let index = agents.firstIndex(where: { $0.id == chosen }) else { return nil }
            agents[index].open += 1
            agents[index].lastAssignedAt = date
            return chosen
        }
    }
}
