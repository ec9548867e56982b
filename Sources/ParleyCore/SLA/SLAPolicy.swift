import Foundation

/// Response-time promises for a handle and priority band, on a business calendar.
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// Business minutes from the case opening to the brand's first public reply or DM.
    public var firstResponseMinutes: Int
    /// Business minutes from a customer's unanswered message to the brand's next answer.
    public var nextResponseMinutes: Int
    /// Business minutes from opening to resolution; nil: no resolution target.
    public var resolutionMinutes: Int?
    /// Share of a target after which the case is flagged (default 0.8).
    public var warningShare: Double
    public var calendar: BusinessCalendar

    public init(
        firstResponseMinutes: Int, nextResponseMinutes: Int, resolutionMinutes: Int? = nil, warningShare: Double = 0.8,
        calendar: BusinessCalendar
    ) {
        self.firstResponseMinutes = firstResponseMinutes
        self.nextResponseMinutes = nextResponseMinutes
        self.resolutionMinutes = resolutionMinutes
        self.warningShare = warningShare
        self.calendar = calendar
    }

    enum CodingKeys: String, CodingKey {
        case calendar
        case firstResponseMinutes = "first_response_minutes"
        case nextResponseMinutes = "next_response_minutes"
        case resolutionMinutes = "resolution_minutes"
        case warningShare = "warning_share"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        firstResponseMinutes = try c.decode(Int.self, forKey: .firstResponseMinutes)
        nextResponseMinutes = try c.decode(Int.self, forKey: .nextResponseMinutes)
        resolutionMinutes = try c.decodeIfPresent(Int.self, forKey: .resolutionMinutes)
        warningShare = try c.decodeIfPresent(Double.self, forKey: .warningShare) ?? 0.8
        calendar = try c.decode(BusinessCalendar.self, forKey: .calendar)
    }

    /// Checks targets when the policy is saved.
    public func validate() throws(SLAPolicyError) {
        for (name, value) in [("first_response_minutes", firstResponseMinutes), ("next_response_minutes", nextResponseMinutes),
                              ("resolution_minutes", resolutionMinutes ?? 1)] where !(1...525_600).contains(value) {
            throw .invalid("'\(name)' is 1 to 525,600 minutes.")
        }
        guard warningShare > 0, warningShare < 1 else { throw .invalid("'warning_share' is between 0 and 1, e.g. 0.8.") }
        do {
            _ = try calendar.due(start: Date(timeIntervalSince1970: 1_800_000_000), minutes: 1)
        } catch {
            throw .invalid("The calendar: \(error.description)")
        }
    }
}

public enum SLAPolicyError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}

/// What the SLA clock needs to know about a case.
public struct SLAFacts: Sendable, Equatable {
    public var state: ConversationState
    public var openedAt: Date
    /// The brand's first public reply or DM (notes and automatic messages do not count).
    public var firstRespondedAt: Date?
    /// The customer's oldest unanswered message.
    public var awaitingReplySince: Date?

    public init(state: ConversationState, openedAt: Date, firstRespondedAt: Date?, awaitingReplySince: Date?) {
        self.state = state
        self.openedAt = openedAt
        self.firstRespondedAt = firstRespondedAt
        self.awaitingReplySince = awaitingReplySince
    }
}

/// Where a case stands against its policy.
public struct SLAStanding: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, Comparable {
        case none
        case ok
        case warning
        case breached

        public static func < (a: Status, b: Status) -> Bool {
            [Status.none, .ok, .warning, .breached].firstIndex(of: a)! < [Status.none, .ok, .warning, .breached].firstIndex(of: b)!
        }
    }

    public var firstResponseDue: Date?
    public var nextResponseDue: Date?
    public var resolutionDue: Date?
    public var status: Status
    /// The target that set the status (`first_response`, `next_response`, `resolution`).
    public var target: String?

    public init(
        firstResponseDue: Date? = nil, nextResponseDue: Date? = nil, resolutionDue: Date? = nil, status: Status, target: String? = nil
    ) {
        self.firstResponseDue = firstResponseDue
        self.nextResponseDue = nextResponseDue
        self.resolutionDue = resolutionDue
        self.status = status
        self.target = target
    }

    /// The earliest running due time (the queue sorts by it).
    public var earliestDue: Date? {
        [firstResponseDue, nextResponseDue, resolutionDue].compactMap { $0 }.min()
    }
}

/// The SLA clock: due times on the business calendar, paused while the case waits on the customer
/// (pending) or is snoozed, and outside business hours.
public enum SLAClock {
    public static func standing(_ facts: SLAFacts, policy: SLAPolicy, now: Date) -> SLAStanding {
        var standing = SLAStanding(status: .none)
        guard facts.state == .open else { return standing }
        var running: [(target: String, start: Date, minutes: Int, due: Date)] = []
        func add(_ target: String, start: Date, minutes: Int) {
            if let due = try? policy.calendar.due(start: start, minutes: minutes) { running.append((target, start, minutes, due)) }
        }
        if facts.firstRespondedAt == nil {
            add("first_response", start: facts.openedAt, minutes: policy.firstResponseMinutes)
        } else if let waiting = facts.awaitingReplySince {
            add("next_response", start: waiting, minutes: policy.nextResponseMinutes)
        }
        if let minutes = policy.resolutionMinutes { add("resolution", start: facts.openedAt, minutes: minutes) }
        for clock in running {
            switch clock.target {
            case "first_response": standing.firstResponseDue = clock.due
            case "next_response": standing.nextResponseDue = clock.due
            default: standing.resolutionDue = clock.due
            }
            let status: SLAStanding.Status
            if now >= clock.due {
                status = .breached
            } else if policy.calendar.elapsed(from: clock.start, to: now) >= policy.warningShare * Double(clock.minutes) * 60 {
                status = .warning
            } else {
                status = .ok
            }
            if status > standing.status {
                standing.status = status
                standing.target = clock.target
            }
        }
        return standing
    }
}
