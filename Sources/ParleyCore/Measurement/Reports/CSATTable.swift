import Foundation

/// A survey as the CSAT report counts it, filed under its case.
public struct CSATResponse: Sendable, Equatable, ReportSubject {
    public var sentAt: Date
    public var rating: Int?
    public var handleID: UUID
    public var teamID: UUID?
    public var assigneeID: UUID?
    public var channel: Channel
    public var intent: TriageIntent?

    public init(sentAt: Date, rating: Int?, handleID: UUID, teamID: UUID? = nil, assigneeID: UUID? = nil, channel: Channel = .dm, intent: TriageIntent? = nil) {
        self.sentAt = sentAt
        self.rating = rating
        self.handleID = handleID
        self.teamID = teamID
        self.assigneeID = assigneeID
        self.channel = channel
        self.intent = intent
    }

    public var reportTime: Date? { sentAt }
}

/// Satisfaction over the surveys sent in the period: CSAT = answers of 4 or 5 ÷ all answers
/// (surveys not answered are left out of it, and counted in the response rate).
public struct CSATTable: ReportTable {
    public struct Row: Sendable, Equatable, Encodable {
        public var key: String
        public var label: String
        public var sent: Int
        public var answered: Int
        public var satisfied: Int
        public var csat: Double?
        public var responseRate: Double?
        public var meanRating: Double?

        enum CodingKeys: String, CodingKey {
            case key, label, sent, answered, satisfied, csat
            case responseRate = "response_rate"
            case meanRating = "mean_rating"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(label, forKey: .label)
            try c.encode(sent, forKey: .sent)
            try c.encode(answered, forKey: .answered)
            try c.encode(satisfied, forKey: .satisfied)
            try c.encode(csat, forKey: .csat)
            try c.encode(responseRate, forKey: .responseRate)
            try c.encode(meanRating, forKey: .meanRating)
        }
    }

    public var total: Row
    public var groups: [Row]

    public init(_ responses: [CSATResponse], scope: ReportScope) {
        let inPeriod = responses.filter { $0.sentAt >= scope.from && $0.sentAt < scope.to }
        total = Self.row(ReportScope.Group(key: "total", label: "All surveys"), inPeriod)
        groups = scope.grouping == .none ? [] : scope.grouped(inPeriod).map { Self.row($0.group, $0.cases) }
    }

    static func row(_ group: ReportScope.Group, _ responses: [CSATResponse]) -> Row {
        let ratings = responses.compactMap(\.rating)
        let satisfied = ratings.filter { $0 >= 4 }.count
        return Row(key: group.key, label: group.label, sent: responses.count, answered: ratings.count, satisfied: satisfied,
                   csat: ratings.isEmpty ? nil : Double(satisfied) / Double(ratings.count),
                   responseRate: responses.isEmpty ? nil : Double(ratings.count) / Double(responses.count),
                   meanRating: ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count))
    }

    public static let csvColumns = ["key", "label", "sent", "answered", "satisfied", "csat", "response_rate", "mean_rating"]

    public static func csvValues(_ row: Row) -> [String] {
        [row.key, row.label, String(row.sent), String(row.answered), String(row.satisfied), ReportCSV.number(row.csat, decimals: 4),
         ReportCSV.number(row.responseRate, decimals: 4), ReportCSV.number(row.meanRating, decimals: 2)]
    }
}
