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
    public var policy: SLAPolicy?

    public init(timeline: CaseTimeline, handleID: UUID, teamID: UUID? = nil, assigneeID: UUID? = nil, channel: Channel = .public,
                intent: TriageIntent? = nil, policy: SLAPolicy? = nil) {
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
        guard let calendar = policy?.calendar else { return max(0, to.timeIntervalSince(from)) }
        return calendar.elapsed(from: from, to: to)
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
        return messages.filter { $0.fromBrand && $0.at >= start }.map(\.at).min()
    }
}
