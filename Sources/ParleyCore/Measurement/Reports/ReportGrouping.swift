import Foundation

/// How a report's rows are grouped: by who or what a case is filed under, or by when the case
/// opened (its customer's first message), in the report's time zone.
public enum ReportGrouping: String, Sendable, CaseIterable {
    case none, agent, team, handle, channel, intent
    case hour, day, week
    case hourOfDay = "hour_of_day"
    case weekday

    public var isTime: Bool { [.hour, .day, .week, .hourOfDay, .weekday].contains(self) }
}

/// The names a report shows for ids.
public struct ReportNames: Sendable, Equatable {
    public var agents: [UUID: String]
    public var teams: [UUID: String]
    public var handles: [UUID: String]

    public init(agents: [UUID: String] = [:], teams: [UUID: String] = [:], handles: [UUID: String] = [:]) {
        self.agents = agents
        self.teams = teams
        self.handles = handles
    }
}

/// A report's period and how it is cut: cases whose customer's first message falls in
/// [from, to), grouped by `grouping`, days and hours read in `timeZone`.
public struct ReportScope: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var grouping: ReportGrouping
    public var timeZone: TimeZone
    public var names: ReportNames

    public static let longest: TimeInterval = 400 * 86_400

    public init(from: Date, to: Date, grouping: ReportGrouping = .none, timeZone: TimeZone = TimeZone(identifier: "UTC")!, names: ReportNames = ReportNames()) {
        self.from = from
        self.to = to
        self.grouping = grouping
        self.timeZone = timeZone
        self.names = names
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    public struct Group: Sendable, Hashable {
        public var key: String
        public var label: String
    }

    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The group a case (or a message, by its case) falls in.
    public func group(of report: some ReportSubject) -> Group {
        switch grouping {
        case .none: return Group(key: "all", label: "All cases")
        case .agent:
            guard let id = report.assigneeID else { return Group(key: "none", label: "Unassigned") }
            return Group(key: id.uuidString.lowercased(), label: names.agents[id] ?? "Former agent")
        case .team:
            guard let id = report.teamID else { return Group(key: "none", label: "No team") }
            return Group(key: id.uuidString.lowercased(), label: names.teams[id] ?? "Deleted team")
        case .handle:
            return Group(key: report.handleID.uuidString.lowercased(), label: names.handles[report.handleID].map { "@" + $0 } ?? "Removed handle")
        case .channel:
            return Group(key: report.channel.rawValue, label: Self.channelLabel(report.channel))
        case .intent:
            guard let intent = report.intent else { return Group(key: "untriaged", label: "Not triaged") }
            return Group(key: intent.rawValue, label: Self.intentLabel(intent))
        case .hour, .day, .week, .hourOfDay, .weekday:
            return timeGroup(of: report.reportTime ?? from)
        }
    }

    /// The time group an instant falls in.
    public func timeGroup(of date: Date) -> Group {
        let calendar = self.calendar
        let c = calendar.dateComponents([.year, .month, .day, .hour, .weekday], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        let day = "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
        switch grouping {
        case .hour: return Group(key: "\(day)T\(two(c.hour)):00", label: "\(day) \(two(c.hour)):00")
        case .week:
            let start = calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? date
            let s = calendar.dateComponents([.year, .month, .day], from: start)
            let key = "\(s.year ?? 0)-\(two(s.month))-\(two(s.day))"
            return Group(key: key, label: "Week of \(key)")
        case .hourOfDay: return Group(key: two(c.hour), label: "\(two(c.hour)):00–\(two(c.hour)):59")
        case .weekday:
            let index = ((c.weekday ?? 2) + 5) % 7  // Calendar: 1 = Sunday
            return Group(key: "\(index + 1)-\(Self.weekdays[index])", label: Self.weekdayNames[index])
        default: return Group(key: day, label: day)
        }
    }

    /// The report's time buckets in order, with their bounds (for hours, days and weeks: every
    /// one in the period, so an empty day shows as 0, not as missing); nil for other groupings.
    public func buckets() -> [(group: Group, start: Date, end: Date)]? {
        let calendar = self.calendar
        let unit: Calendar.Component
        switch grouping {
        case .hour: unit = .hour
        case .day: unit = .day
        case .week: unit = .weekOfYear
        default: return nil
        }
        var start = calendar.dateInterval(of: unit, for: from)?.start ?? from
        var result: [(Group, Date, Date)] = []
        while start < to, result.count < 20_000 {
            guard let end = calendar.date(byAdding: unit, value: 1, to: start), end > start else { break }
            result.append((timeGroup(of: start), start, end))
            start = end
        }
        return result
    }

    static func channelLabel(_ channel: Channel) -> String {
        switch channel {
        case .public: "Public"
        case .dm: "Direct message"
        case .email: "E-mail"
        }
    }

    static func intentLabel(_ intent: TriageIntent) -> String {
        switch intent {
        case .complaint: "Complaint"
        case .question: "Question"
        case .request: "Request"
        case .praise: "Praise"
        case .spamTroll: "Spam or troll"
        case .other: "Other"
        }
    }

    /// Groups a set of cases, the groups in their natural order (time in order, others by label).
    func grouped<Subject: ReportSubject>(_ cases: [Subject]) -> [(group: Group, cases: [Subject])] {
        groupedIndices(cases).map { ($0.group, $0.members.map { cases[$0] }) }
    }

    /// The same groups, each with its members' positions in `subjects`: a table measures each
    /// case once and sums the measures into the total and into its group.
    func groupedIndices<Subject: ReportSubject>(_ subjects: [Subject]) -> [(group: Group, members: [Int])] {
        var byKey: [String: (group: Group, members: [Int])] = [:]
        var grouper = Grouper(self)
        for (index, subject) in subjects.enumerated() {
            let group = grouper.group(of: subject)
            byKey[group.key, default: (group, [])].members.append(index)
        }
        if let buckets = buckets() {
            return buckets.map { byKey[$0.group.key] ?? ($0.group, []) }
        }
        return byKey.values.sorted { grouping.isTime ? $0.group.key < $1.group.key : ($0.group.label, $0.group.key) < ($1.group.label, $1.group.key) }
    }
}

extension ReportScope {
    /// `group(of:)` for many subjects: each id's group and each time group worked out once. A
    /// time group is looked up by the instant's UTC quarter hour, which never straddles a local
    /// hour: every zone's offset and clock change is a multiple of 15 minutes.
    struct Grouper {
        let scope: ReportScope
        private var byID: [UUID?: Group] = [:]
        private var byQuarter: [Int: Group] = [:]

        init(_ scope: ReportScope) {
            self.scope = scope
        }

        mutating func group(of subject: some ReportSubject) -> Group {
            switch scope.grouping {
            case .agent: return named(subject.assigneeID, subject)
            case .team: return named(subject.teamID, subject)
            case .handle: return named(subject.handleID, subject)
            case .hour, .day, .week, .hourOfDay, .weekday: return timeGroup(of: subject.reportTime ?? scope.from)
            case .none, .channel, .intent: return scope.group(of: subject)
            }
        }

        mutating func timeGroup(of date: Date) -> Group {
            let quarter = Int((date.timeIntervalSince1970 / 900).rounded(.down))
            if let known = byQuarter[quarter] { return known }
            let group = scope.timeGroup(of: date)
            byQuarter[quarter] = group
            return group
        }

        private mutating func named(_ id: UUID?, _ subject: some ReportSubject) -> Group {
            if let known = byID[id] { return known }
            let group = scope.group(of: subject)
            byID[id] = group
            return group
        }
    }
}

/// What a report groups: a case, or a message filed under its case.
public protocol ReportSubject: Sendable {
    var handleID: UUID { get }
    var teamID: UUID? { get }
    var assigneeID: UUID? { get }
    var channel: Channel { get }
    var intent: TriageIntent? { get }
    /// When it falls for a grouping by time.
    var reportTime: Date? { get }
}

extension ReportCase: ReportSubject {
    public var reportTime: Date? { openedAt }
}
