import Foundation

/// A message as the volume report counts it: when it was written, by whom, and what its case
/// is filed under.
public struct VolumeMessage: Sendable, Equatable, ReportSubject {
    public var at: Date
    public var fromBrand: Bool
    public var handleID: UUID
    public var teamID: UUID?
    public var assigneeID: UUID?
    /// The message's own channel.
    public var channel: Channel
    /// Its case's intent.
    public var intent: TriageIntent?

    public init(at: Date, fromBrand: Bool, handleID: UUID, teamID: UUID? = nil, assigneeID: UUID? = nil, channel: Channel = .public, intent: TriageIntent? = nil) {
        self.at = at
        self.fromBrand = fromBrand
        self.handleID = handleID
        self.teamID = teamID
        self.assigneeID = assigneeID
        self.channel = channel
        self.intent = intent
    }

    public var reportTime: Date? { at }
}

/// What the volume report reads for a period: the cases opened in it, the messages written in
/// it, and every case open at some time in it.
public struct ReportActivity: Sendable {
    public var cases: [ReportCase]
    public var messages: [VolumeMessage]
    public var spans: [(opened: Date, resolved: Date?)]

    public init(cases: [ReportCase], messages: [VolumeMessage], spans: [(opened: Date, resolved: Date?)]) {
        self.cases = cases
        self.messages = messages
        self.spans = spans
    }
}

/// Volume per group: cases opened, customer messages and brand messages written in the period
/// (each message in the hour or day it was written), and, by hour, day or week, the backlog:
/// cases open at the end of each (opened before it and not yet resolved).
public struct VolumeTable: ReportTable {
    public struct Row: Sendable, Equatable, Encodable {
        public var key: String
        public var label: String
        public var conversations: Int
        public var customerMessages: Int
        public var brandMessages: Int
        /// Open cases at the end of the bucket (time groupings by hour, day or week only).
        public var backlog: Int?

        enum CodingKeys: String, CodingKey {
            case key, label, conversations, backlog
            case customerMessages = "customer_messages"
            case brandMessages = "brand_messages"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(label, forKey: .label)
            try c.encode(conversations, forKey: .conversations)
            try c.encode(customerMessages, forKey: .customerMessages)
            try c.encode(brandMessages, forKey: .brandMessages)
            try c.encode(backlog, forKey: .backlog)
        }
    }

    public var total: Row
    public var groups: [Row]

    /// `cases`: those opened in the period; `messages`: those written in it; `spans`: every case
    /// open at some time in it (opened before its end, not resolved before its start).
    public init(cases: [ReportCase], messages: [VolumeMessage], spans: [(opened: Date, resolved: Date?)], scope: ReportScope) {
        let inPeriod = messages.lazy.filter { $0.at >= scope.from && $0.at < scope.to }
        var customer = 0, brand = 0
        for message in inPeriod {
            if message.fromBrand { brand += 1 } else { customer += 1 }
        }
        total = Row(key: "total", label: "All cases", conversations: cases.count, customerMessages: customer,
                    brandMessages: brand, backlog: Self.open(at: scope.to, spans))
        guard scope.grouping != .none else {
            groups = []
            return
        }
        var counts: [String: (group: ReportScope.Group, cases: Int, customer: Int, brand: Int)] = [:]
        var grouper = ReportScope.Grouper(scope)
        for report in cases {
            let group = grouper.group(of: report)
            counts[group.key, default: (group, 0, 0, 0)].cases += 1
        }
        for message in inPeriod {
            let group = grouper.group(of: message)
            if message.fromBrand { counts[group.key, default: (group, 0, 0, 0)].brand += 1 } else { counts[group.key, default: (group, 0, 0, 0)].customer += 1 }
        }
        if let buckets = scope.buckets() {
            let ends = buckets.map(\.end)
            let backlog = Self.open(at: ends, spans)
            groups = buckets.enumerated().map { index, bucket in
                let c = counts[bucket.group.key]
                return Row(key: bucket.group.key, label: bucket.group.label, conversations: c?.cases ?? 0, customerMessages: c?.customer ?? 0,
                           brandMessages: c?.brand ?? 0, backlog: backlog[index])
            }
        } else {
            groups = counts.values.sorted {
                scope.grouping.isTime ? $0.group.key < $1.group.key : ($0.group.label, $0.group.key) < ($1.group.label, $1.group.key)
            }.map { Row(key: $0.group.key, label: $0.group.label, conversations: $0.cases, customerMessages: $0.customer, brandMessages: $0.brand, backlog: nil) }
        }
    }

    static func open(at instant: Date, _ spans: [(opened: Date, resolved: Date?)]) -> Int {
        open(at: [instant], spans)[0]
    }

    /// Open cases at each of `instants` (ascending): opened at or before it and not resolved by
    /// then, by a sweep over openings and resolutions.
    static func open(at instants: [Date], _ spans: [(opened: Date, resolved: Date?)]) -> [Int] {
        let openings = spans.map(\.opened).sorted()
        let closings = spans.compactMap { span in span.resolved.map { max($0, span.opened) } }.sorted()
        var i = 0, j = 0
        return instants.map { t in
            while i < openings.count, openings[i] <= t { i += 1 }
            while j < closings.count, closings[j] <= t { j += 1 }
            return i - j
        }
    }

    public static let csvColumns = ["key", "label", "conversations", "customer_messages", "brand_messages", "backlog"]

    public static func csvValues(_ row: Row) -> [String] {
        [row.key, row.label, String(row.conversations), String(row.customerMessages), String(row.brandMessages), row.backlog.map(String.init) ?? ""]
    }
}
