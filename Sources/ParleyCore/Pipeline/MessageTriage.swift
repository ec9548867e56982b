/// What triage found in one customer message, as the store keeps it (the scores stay in triage).
public struct MessageTriage: Sendable, Equatable, Codable {
    public var intent: TriageIntent
    public var sentiment: TriageSentiment
    public var upset: Int
    public var offensive: Bool
    /// Kinds of personal data found (never the data itself).
    public var personalData: [PersonalDataKind]
    public var priority: Int
    public var priorityReasons: [String]
    public var handoff: TriageHandoff.Advice
    public var handoffReasons: [String]
    public var suggestedReply: String?

    public init(_ result: TriageResult) {
        intent = result.intent
        sentiment = result.sentiment
        upset = result.upset
        offensive = result.offensive
        var kinds: [PersonalDataKind] = []
        for hit in result.personalData where !kinds.contains(hit.kind) { kinds.append(hit.kind) }
        personalData = kinds
        priority = result.priority.score
        priorityReasons = result.priority.reasons
        handoff = result.handoff.advice
        handoffReasons = result.handoff.reasons
        suggestedReply = result.handoff.suggestedReply
    }
}

/// A case's triage: how urgent its unanswered messages are, and whether to take it to DM.
public struct ConversationTriage: Sendable, Equatable, Codable {
    /// The highest priority among the customer's messages since the brand last answered; 0 when answered.
    public var priority: Int
    public var priorityReasons: [String]
    /// DM once any message of the case advised it (personal data, upset, account-specific).
    public var handoff: TriageHandoff.Advice
    public var handoffReasons: [String]
    public var suggestedReply: String?

    public init(
        priority: Int = 0, priorityReasons: [String] = [], handoff: TriageHandoff.Advice = .public,
        handoffReasons: [String] = [], suggestedReply: String? = nil
    ) {
        self.priority = priority
        self.priorityReasons = priorityReasons
        self.handoff = handoff
        self.handoffReasons = handoffReasons
        self.suggestedReply = suggestedReply
    }

    /// The case after a customer message with this triage arrived.
    public func adding(_ message: MessageTriage) -> ConversationTriage {
        var next = self
        if message.priority >= priority {
            next.priority = message.priority
            next.priorityReasons = message.priorityReasons
        }
        if message.handoff == .dm {
            next.handoff = .dm
            for reason in message.handoffReasons where !next.handoffReasons.contains(reason) { next.handoffReasons.append(reason) }
            if next.suggestedReply == nil { next.suggestedReply = message.suggestedReply }
        }
        return next
    }

    /// The case once the brand has answered everything: nothing is waiting, so nothing is urgent.
    public func answered() -> ConversationTriage {
        var next = self
        next.priority = 0
        next.priorityReasons = []
        return next
    }
}
