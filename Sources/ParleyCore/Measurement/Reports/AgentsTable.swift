import Foundation

/// Each agent's cases (the cases assigned to them, opened in the period): how many, how soon
/// they were first answered and resolved, SLA attainment, and the replies the agent sent from
/// the desk in the period.
public struct AgentsTable: ReportTable {
    public struct Row: Sendable, Equatable, Encodable {
        public var key: String
        public var label: String
        public var conversations: Int
        public var answered: Int
        public var firstResponseMedianSeconds: Double?
        public var firstResponseP90Seconds: Double?
        public var resolved: Int
        public var resolutionMedianSeconds: Double?
        public var slaAttainment: Double?
        public var repliesSent: Int
        /// Satisfaction on the agent's cases' surveys sent in the period, and how many answered.
        public var csat: Double?
        public var csatAnswers: Int

        enum CodingKeys: String, CodingKey {
            case key, label, conversations, answered, resolved
            case firstResponseMedianSeconds = "first_response_median_seconds"
            case firstResponseP90Seconds = "first_response_p90_seconds"
            case resolutionMedianSeconds = "resolution_median_seconds"
            case slaAttainment = "sla_attainment"
            case repliesSent = "replies_sent"
            case csat
            case csatAnswers = "csat_answers"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(label, forKey: .label)
            try c.encode(conversations, forKey: .conversations)
            try c.encode(answered, forKey: .answered)
            try c.encode(firstResponseMedianSeconds, forKey: .firstResponseMedianSeconds)
            try c.encode(firstResponseP90Seconds, forKey: .firstResponseP90Seconds)
            try c.encode(resolved, forKey: .resolved)
            try c.encode(resolutionMedianSeconds, forKey: .resolutionMedianSeconds)
            try c.encode(slaAttainment, forKey: .slaAttainment)
            try c.encode(repliesSent, forKey: .repliesSent)
            try c.encode(csat, forKey: .csat)
            try c.encode(csatAnswers, forKey: .csatAnswers)
        }
    }

    public var total: Row
    public var groups: [Row]

    /// `replies`: replies sent from the desk in the period, per agent; `surveys`: satisfaction
    /// surveys sent in the period.
    public init(_ cases: [ReportCase], replies: [UUID: Int], surveys: [CSATResponse] = [], scope: ReportScope, now: Date) {
        var byAgent = scope
        byAgent.grouping = .agent
        let satisfaction = CSATTable(surveys, scope: byAgent)
        let byKey = Dictionary(uniqueKeysWithValues: satisfaction.groups.map { ($0.key, $0) })
        let times = cases.map(ResponseTimesTable.CaseTimes.init)
        let outcomes = cases.map { SLAOutcome.of($0, now: now) }
        total = Self.row(ReportScope.Group(key: "total", label: "All agents"), times, outcomes, replies: replies.values.reduce(0, +),
                         csat: satisfaction.total)
        var rows = byAgent.groupedIndices(cases).map { group, members in
            Self.row(group, members.map { times[$0] }, members.map { outcomes[$0] },
                     replies: UUID(uuidString: group.key).flatMap { replies[$0] } ?? 0, csat: byKey[group.key])
        }
        // An agent who sent replies on cases assigned to others is listed too.
        for (agent, count) in replies where !rows.contains(where: { $0.key == agent.uuidString.lowercased() }) {
            let key = agent.uuidString.lowercased()
            rows.append(Self.row(ReportScope.Group(key: key, label: scope.names.agents[agent] ?? "Former agent"), [], [], replies: count, csat: byKey[key]))
        }
        groups = rows.sorted { ($0.key == "none" ? 1 : 0, $0.label, $0.key) < ($1.key == "none" ? 1 : 0, $1.label, $1.key) }
    }

    static func row(_ group: ReportScope.Group, _ times: [ResponseTimesTable.CaseTimes],
                    _ outcomes: [(outcome: SLAOutcome, breachedTargets: Set<String>)], replies: Int, csat: CSATTable.Row?) -> Row {
        let response = ResponseTimesTable.row(group, times)
        let sla = SLATable.row(group, outcomes)
        return Row(key: group.key, label: group.label, conversations: times.count, answered: response.firstResponse.answered,
                   firstResponseMedianSeconds: response.firstResponse.wall.medianSeconds, firstResponseP90Seconds: response.firstResponse.wall.p90Seconds,
                   resolved: response.resolution.answered, resolutionMedianSeconds: response.resolution.wall.medianSeconds,
                   slaAttainment: sla.attainment, repliesSent: replies, csat: csat?.csat, csatAnswers: csat?.answered ?? 0)
    }

    public static let csvColumns = ["key", "label", "conversations", "answered", "first_response_median_seconds", "first_response_p90_seconds",
                                    "resolved", "resolution_median_seconds", "sla_attainment", "replies_sent", "csat", "csat_answers"]

    public static func csvValues(_ row: Row) -> [String] {
        [row.key, row.label, String(row.conversations), String(row.answered), ReportCSV.number(row.firstResponseMedianSeconds),
         ReportCSV.number(row.firstResponseP90Seconds), String(row.resolved), ReportCSV.number(row.resolutionMedianSeconds),
         ReportCSV.number(row.slaAttainment, decimals: 4), String(row.repliesSent), ReportCSV.number(row.csat, decimals: 4), String(row.csatAnswers)]
    }
}
