import Foundation

/// One case as the reports read it: its messages' own times, who and what it is filed under, and
/// the SLA policy it is measured against (the handle's policy for the case's own priority,
/// before any breach raised it).
public struct ReportCase: Sendable, Equatable {
    public var timeline: CaseTimeline
    public var handleID: UUID
    public var teamID: UUID?
    public var assigneeID: UUID?
    /// The channel of the customer's first message.
    public var channel: Channel
    /// The triage intent of the customer's first message; nil when it was not triaged.
    public var intent: TriageIntent?
    /// The SLA policy it is measured against.
    public var policy: ReportPolicy?

    public init(timeline: CaseTimeline, handleID: UUID, teamID: UUID? = nil, assigneeID: UUID? = nil, channel: Channel = .public,
                intent: TriageIntent? = nil, policy: ReportPolicy? = nil) {
        self.timeline = timeline
        self.handleID = handleID
        self.teamID = teamID
        self.assigneeID = assigneeID
        self.channel = channel
        self.intent = intent
        self.policy = policy
    }

    public var id: UUID { timeline.conversationID }
    /// When the case's clock starts: the customer's first message.
    public var openedAt: Date? { timeline.firstCustomerMessage }

    /// Business seconds between two instants on the case's policy calendar; wall seconds when
    /// the case has no policy (a desk without a calendar works around the clock).
    public func businessSeconds(from: Date, to: Date) -> Double {
        policy?.elapsed(from: from, to: to) ?? max(0, to.timeIntervalSince(from))
    }
}

/// An SLA policy as the reports measure cases against it: its targets, and its calendar laid out
/// over the report's span (`BusinessTimeIndex`: the calendar's answers, found by a search
/// instead of a walk). One is shared by every case under the policy, so a case carries one
/// reference, not a calendar.
public final class ReportPolicy: Sendable, Equatable {
    public let policy: SLAPolicy
    let index: BusinessTimeIndex?

    /// `span`: the instants the report measures; nil measures on the calendar itself.
    public init(_ policy: SLAPolicy, span: ClosedRange<Date>? = nil) {
        self.policy = policy
        index = span.map { BusinessTimeIndex(policy.calendar, span: $0) }
    }

    func elapsed(from: Date, to: Date) -> TimeInterval {
        index?.elapsed(from: from, to: to) ?? policy.calendar.elapsed(from: from, to: to)
    }

    /// When `minutes` business minutes from `start` run out; nil when they never do.
    func due(start: Date, minutes: Int) -> Date? {
        try? index?.due(start: start, minutes: minutes) ?? policy.calendar.due(start: start, minutes: minutes)
    }

    public static func == (a: ReportPolicy, b: ReportPolicy) -> Bool {
        a.policy == b.policy && a.index == b.index
    }
}

extension CaseTimeline {
    /// The customer's turns after the brand had answered: from the customer's first message
    /// after a brand message to the brand's next message (nil while unanswered). The first
    /// response is not one of them; a case reopened days later counts here, once per turn.
    public var nextResponseWaits: [(start: Date, end: Date?)] {
        let sorted = messages.sorted { $0.at != $1.at ? $0.at < $1.at : (!$0.fromBrand && $1.fromBrand) }
        var waits: [(start: Date, end: Date?)] = []
        var answered = false
        var waitingSince: Date?
        for message in sorted {
            if message.fromBrand {
                if let start = waitingSince {
                    waits.append((start, message.at))
                    waitingSince = nil
                }
                if firstCustomerMessage.map({ message.at >= $0 }) ?? false { answered = true }
            } else if answered, waitingSince == nil {
                waitingSince = message.at
            }
        }
        if let start = waitingSince { waits.append((start, nil)) }
        return waits
    }

    /// The brand's first message at or after the customer's first.
    public var firstResponseAt: Date? {
        guard let start = firstCustomerMessage else { return nil }
        var first: Date?
        for message in messages where message.fromBrand && message.at >= start && first.map({ message.at < $0 }) ?? true { first = message.at }
        return first
    }
}
