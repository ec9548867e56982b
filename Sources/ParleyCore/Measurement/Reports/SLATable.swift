import Foundation

/// How a case did against its SLA policy, worked out from its messages' own times on the
/// policy's calendar (so a report says the same whether or not the desk's SLA pass was running):
/// each target (first response, each next response, resolution) is met when its answer came by
/// its due time, breached when it came later or has not come and the due time has passed, and
/// running otherwise. A case answered after a breach is breached.
public enum SLAOutcome: String, Sendable, Codable, Equatable {
    case met, breached, running
    /// No policy applies to the case.
    case unmeasured

    public static func of(_ report: ReportCase, now: Date) -> (outcome: SLAOutcome, breachedTargets: Set<String>) {
        guard let measured = report.policy, let opened = report.openedAt else { return (.unmeasured, []) }
        let policy = measured.policy
        var breached = Set<String>()
        var running = false
        func judge(_ target: String, start: Date, minutes: Int, end: Date?) {
            guard let due = measured.due(start: start, minutes: minutes) else { return }
            if let end {
                if end > due { breached.insert(target) }
            } else if now >= due {
                breached.insert(target)
            } else {
                running = true
            }
        }
        judge("first_response", start: opened, minutes: policy.firstResponseMinutes, end: report.timeline.firstResponseAt)
        for wait in report.timeline.nextResponseWaits {
            judge("next_response", start: wait.start, minutes: policy.nextResponseMinutes, end: wait.end)
        }
        if let minutes = policy.resolutionMinutes {
            judge("resolution", start: opened, minutes: minutes, end: report.timeline.resolvedAt)
        }
        if !breached.isEmpty { return (.breached, breached) }
        return (running ? .running : .met, [])
    }
}

/// SLA attainment per group: met ÷ (met + breached). Cases still running and cases no policy
/// covers are counted, not rated.
public struct SLATable: ReportTable {
    public struct Row: Sendable, Equatable, Encodable {
        public var key: String
        public var label: String
        public var conversations: Int
        public var met: Int
        public var breached: Int
        public var running: Int
        public var unmeasured: Int
        public var attainment: Double?
        public var firstResponseBreached: Int
        public var nextResponseBreached: Int
        public var resolutionBreached: Int

        enum CodingKeys: String, CodingKey {
            case key, label, conversations, met, breached, running, unmeasured, attainment
            case firstResponseBreached = "first_response_breached"
            case nextResponseBreached = "next_response_breached"
            case resolutionBreached = "resolution_breached"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(label, forKey: .label)
            try c.encode(conversations, forKey: .conversations)
            try c.encode(met, forKey: .met)
            try c.encode(breached, forKey: .breached)
            try c.encode(running, forKey: .running)
            try c.encode(unmeasured, forKey: .unmeasured)
            try c.encode(attainment, forKey: .attainment)
            try c.encode(firstResponseBreached, forKey: .firstResponseBreached)
            try c.encode(nextResponseBreached, forKey: .nextResponseBreached)
            try c.encode(resolutionBreached, forKey: .resolutionBreached)
        }
    }

    public var total: Row
    public var groups: [Row]

    public init(_ cases: [ReportCase], scope: ReportScope, now: Date) {
        let outcomes = cases.map { SLAOutcome.of($0, now: now) }
        total = Self.row(ReportScope.Group(key: "total", label: "All cases"), outcomes)
        groups = scope.grouping == .none ? [] : scope.groupedIndices(cases).map { Self.row($0.group, $0.members.map { outcomes[$0] }) }
    }

    static func row(_ group: ReportScope.Group, _ outcomes: [(outcome: SLAOutcome, breachedTargets: Set<String>)]) -> Row {
        var row = Row(key: group.key, label: group.label, conversations: outcomes.count, met: 0, breached: 0, running: 0, unmeasured: 0,
                      attainment: nil, firstResponseBreached: 0, nextResponseBreached: 0, resolutionBreached: 0)
        for (outcome, targets) in outcomes {
            switch outcome {
            case .met: row.met += 1
            case .breached: row.breached += 1
            case .running: row.running += 1
            case .unmeasured: row.unmeasured += 1
            }
            if targets.contains("first_response") { row.firstResponseBreached += 1 }
            if targets.contains("next_response") { row.nextResponseBreached += 1 }
            if targets.contains("resolution") { row.resolutionBreached += 1 }
        }
        row.attainment = row.met + row.breached == 0 ? nil : Double(row.met) / Double(row.met + row.breached)
        return row
    }

    public static let csvColumns = ["key", "label", "conversations", "met", "breached", "running", "unmeasured", "attainment",
                                    "first_response_breached", "next_response_breached", "resolution_breached"]

    public static func csvValues(_ row: Row) -> [String] {
        [row.key, row.label, String(row.conversations), String(row.met), String(row.breached), String(row.running), String(row.unmeasured),
         ReportCSV.number(row.attainment, decimals: 4), String(row.firstResponseBreached), String(row.nextResponseBreached),
         String(row.resolutionBreached)]
    }
}
