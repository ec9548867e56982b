import Foundation

/// One interval to staff: how many contacts arrive, how long each takes, the service target, and
/// what takes agents away (`parley staffing` reads one per line as JSON).
public struct StaffingRequest: Sendable, Equatable, Codable {
    public var arrivals: Double
    public var intervalSeconds: Double
    public var ahtSeconds: Double
    /// Answered within this many seconds…
    public var targetSeconds: Double
    /// …for at least this share of contacts (0–1).
    public var serviceLevel: Double
    /// The share of paid time agents are away from contacts (breaks, training); 0 when nil.
    public var shrinkage: Double?
    /// The busiest an agent may be kept (0–1); no cap when nil.
    public var maxOccupancy: Double?
    /// How long customers wait on average before they give up; nil: they never do (Erlang C).
    public var patienceSeconds: Double?

    public init(
        arrivals: Double, intervalSeconds: Double, ahtSeconds: Double, targetSeconds: Double, serviceLevel: Double,
        shrinkage: Double? = nil, maxOccupancy: Double? = nil, patienceSeconds: Double? = nil
    ) {
        self.arrivals = arrivals
        self.intervalSeconds = intervalSeconds
        self.ahtSeconds = ahtSeconds
        self.targetSeconds = targetSeconds
        self.serviceLevel = serviceLevel
        self.shrinkage = shrinkage
        self.maxOccupancy = maxOccupancy
        self.patienceSeconds = patienceSeconds
    }

    enum CodingKeys: String, CodingKey {
        case arrivals
        case intervalSeconds = "interval_seconds"
        case ahtSeconds = "aht_seconds"
        case targetSeconds = "target_seconds"
        case serviceLevel = "service_level"
        case shrinkage
        case maxOccupancy = "max_occupancy"
        case patienceSeconds = "patience_seconds"
    }
}

/// The fewest agents that meet a request's target and occupancy cap, and what they achieve.
public struct StaffingPlan: Sendable, Equatable, Codable {
    /// Agents on contacts.
    public var agents: Int
    /// Agents to schedule: `agents ÷ (1 − shrinkage)`, rounded up.
    public var scheduledAgents: Int
    /// Share of contacts answered within the target.
    public var serviceLevel: Double
    /// Share of agents' time on contacts.
    public var occupancy: Double
    /// Share of contacts that wait at all.
    public var pWait: Double
    /// Average wait of all contacts, in seconds.
    public var asaSeconds: Double
    /// Share of contacts that give up (Erlang A only).
    public var pAbandon: Double?

    public init(agents: Int, scheduledAgents: Int, serviceLevel: Double, occupancy: Double, pWait: Double, asaSeconds: Double, pAbandon: Double?) {
        self.agents = agents
        self.scheduledAgents = scheduledAgents
        self.serviceLevel = serviceLevel
        self.occupancy = occupancy
        self.pWait = pWait
        self.asaSeconds = asaSeconds
        self.pAbandon = pAbandon
    }

    enum CodingKeys: String, CodingKey {
        case agents
        case scheduledAgents = "scheduled_agents"
        case serviceLevel = "service_level"
        case occupancy
        case pWait = "p_wait"
        case asaSeconds = "asa_seconds"
        case pAbandon = "p_abandon"
    }
}

/// Why a request cannot be staffed.
public enum StaffingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    case impossible(String)

    public var description: String {
        switch self {
        case .invalid(let why), .impossible(let why): why
        }
    }
}
