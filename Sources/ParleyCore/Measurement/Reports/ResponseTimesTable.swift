import Foundation

/// First response, next response and resolution times, on the wall clock and in business
/// hours (the case's SLA calendar), per group.
///
/// - First response: from the customer's first message to the brand's first message after it
///   (public reply, DM or e-mail: a DM answer to a public complaint counts). A reopened case
///   keeps its first response.
/// - Next response: each later customer turn (the customer writes again after an answer) to the
///   brand's next message; a case reopened days later adds one turn, not a slow first response.
/// - Resolution: from the customer's first message to the case's resolution.
public struct ResponseTimesTable: ReportTable {
    public struct Measure: Sendable, Equatable, Encodable {
        public var answered: Int
        public var unanswered: Int
        public var wall: DurationFigures
        public var business: DurationFigures
        /// Written as resolved / unresolved instead of answered / unanswered.
        var isResolution = false

        enum CodingKeys: String, CodingKey {
            case answered, unanswered, business, resolved, unresolved
            case medianSeconds = "median_seconds"
            case p90Seconds = "p90_seconds"
            case meanSeconds = "mean_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(answered, forKey: isResolution ? .resolved : .answered)
            try c.encode(unanswered, forKey: isResolution ? .unresolved : .unanswered)
            try c.encode(wall.medianSeconds, forKey: .medianSeconds)
            try c.encode(wall.p90Seconds, forKey: .p90Seconds)
            try c.encode(wall.meanSeconds, forKey: .meanSeconds)
            try c.encode(business, forKey: .business)
        }
    }

    public struct Row: Sendable, Equatable, Encodable {
        public var key: String
        public var label: String
        public var conversations: Int
        public var firstResponse: Measure
        public var nextResponse: Measure
        public var resolution: Measure

        enum CodingKeys: String, CodingKey {
            case key, label, conversations, resolution
            case firstResponse = "first_response"
            case nextResponse = "next_response"
        }
    }

    public var total: Row
    public var groups: [Row]

    public init(_ cases: [ReportCase], scope: ReportScope) {
        let times = cases.map(CaseTimes.init)
        total = Self.row(ReportScope.Group(key: "total", label: "All cases"), times)
        groups = scope.grouping == .none ? [] : scope.groupedIndices(cases).map { Self.row($0.group, $0.members.map { times[$0] }) }
    }

    /// One case's times, in wall and business seconds, worked out once per report.
    struct CaseTimes {
        /// False for a case with no customer message: it has no clock.
        var measured = false
        var first: (wall: Double, business: Double)?
        var next: [(wall: Double, business: Double)] = []
        var nextUnanswered = 0
        var resolution: (wall: Double, business: Double)?

        init(_ report: ReportCase) {
            guard let start = report.openedAt else { return }
            measured = true
            if let answer = report.timeline.firstResponseAt {
                first = (answer.timeIntervalSince(start), report.businessSeconds(from: start, to: answer))
            }
            for wait in report.timeline.nextResponseWaits {
                guard let end = wait.end else {
                    nextUnanswered += 1
                    continue
                }
                next.append((end.timeIntervalSince(wait.start), report.businessSeconds(from: wait.start, to: end)))
            }
            if let end = report.timeline.resolvedAt, end >= start {
                resolution = (end.timeIntervalSince(start), report.businessSeconds(from: start, to: end))
            }
        }
    }

    static func row(_ group: ReportScope.Group, _ cases: [CaseTimes]) -> Row {
        var first = (wall: [Double](), business: [Double](), unanswered: 0)
        var next = (wall: [Double](), business: [Double](), unanswered: 0)
        var resolved = (wall: [Double](), business: [Double](), unanswered: 0)
        for times in cases where times.measured {
            if let value = times.first {
                first.wall.append(value.wall)
                first.business.append(value.business)
            } else {
                first.unanswered += 1
            }
            for value in times.next {
                next.wall.append(value.wall)
                next.business.append(value.business)
            }
            next.unanswered += times.nextUnanswered
            if let value = times.resolution {
                resolved.wall.append(value.wall)
                resolved.business.append(value.business)
            } else {
                resolved.unanswered += 1
            }
        }
        func measure(_ m: (wall: [Double], business: [Double], unanswered: Int), resolution: Bool = false) -> Measure {
            Measure(answered: m.wall.count, unanswered: m.unanswered, wall: DurationFigures(m.wall), business: DurationFigures(m.business),
                    isResolution: resolution)
        }
        return Row(key: group.key, label: group.label, conversations: cases.count,
                   firstResponse: measure(first), nextResponse: measure(next), resolution: measure(resolved, resolution: true))
    }

    public static let csvColumns: [String] = ["key", "label", "conversations"] + [("first_response", "answered"), ("next_response", "answered"), ("resolution", "resolved")].flatMap { m, done in
        ["\(m)_\(done)", "\(m)_un\(done)", "\(m)_median_seconds", "\(m)_p90_seconds", "\(m)_mean_seconds",
         "\(m)_business_median_seconds", "\(m)_business_p90_seconds", "\(m)_business_mean_seconds"]
    }

    public static func csvValues(_ row: Row) -> [String] {
        [row.key, row.label, String(row.conversations)] + [row.firstResponse, row.nextResponse, row.resolution].flatMap { m in
            [String(m.answered), String(m.unanswered)] + [m.wall.medianSeconds, m.wall.p90Seconds, m.wall.meanSeconds,
                                                          m.business.medianSeconds, m.business.p90Seconds, m.business.meanSeconds].map { ReportCSV.number($0) }
        }
    }
}
