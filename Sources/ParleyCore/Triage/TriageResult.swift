/// What triage decided about one message, each part with the reasons a person can check.
public struct TriageResult: Sendable, Equatable {
    public var intent: TriageIntent
    /// 0...1 per intent; they are independent cues, not a distribution.
    public var intentScores: [TriageIntent: Double]
    public var sentiment: TriageSentiment
    public var sentimentScores: [TriageSentiment: Double]
    /// 0 calm, 1 unhappy, 2 upset.
    public var upset: Int
    public var offensive: Bool
    public var personalData: [PersonalDataHit]
    public var complexity: TriageComplexity
    public var priority: TriagePriority
    public var handoff: TriageHandoff
}

public enum TriageIntent: String, Sendable, Codable, CaseIterable {
    case complaint, question, request, praise
    case spamTroll = "spam_troll"
    case other
}

public enum TriageSentiment: String, Sendable, Codable, CaseIterable {
    case negative, neutral, positive
}

/// Why a message will take more than a quick public answer.
public struct TriageComplexity: Sendable, Equatable {
    public enum Factor: String, Sendable, Codable, CaseIterable {
        case severalIssues = "several issues"
        case accountSpecific = "account-specific"
        case needsInvestigation = "needs investigation"
    }

    public var factors: [Factor]
    public var level: Int { factors.count }
}

public struct TriagePriority: Sendable, Equatable {
    /// 0...100, higher first.
    public var score: Int
    public var reasons: [String]
}

public struct TriageHandoff: Sendable, Equatable {
    public enum Advice: String, Sendable, Codable {
        case `public`
        case dm
    }

    public var advice: Advice
    public var reasons: [String]
    /// A public reply inviting the customer to DM; never contains the customer's text. Nil when
    /// the advice is to answer in public.
    public var suggestedReply: String?
}
