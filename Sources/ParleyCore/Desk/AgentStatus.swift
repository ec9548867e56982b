/// Whether an agent takes new cases. Set by the agent; `away` also after some idle minutes.
public enum AgentStatus: String, Sendable, Codable, CaseIterable {
    case online
    case away
    case offline
}
