/// Triage of one message: what it is, how upset, what personal data it holds, how urgent, and
/// whether to move to DM. Pure: the same input and models always give the same result.
public struct Triager: Sendable {
    public let models: TriageModels
    public let handoffAdvice: TriageHandoffAdvice

    public init(models: TriageModels, handoffAdvice: TriageHandoffAdvice = TriageHandoffAdvice()) {
        self.models = models
        self.handoffAdvice = handoffAdvice
    }

    public func triage(_ input: TriageInput) -> TriageResult {
        let linear = models.linear
        let heads = linear.predict(input.text)
        let complaint = heads["complaint"]!
        let sentimentHead = heads["sentiment"]!
        let offensiveHead = heads["offensive"]!
        let emotion = heads["emotion"]!
        let cues = TriageCues(tokens: linear.features.tokens(of: input.text))

        let sentiment = [TriageSentiment.negative, .neutral, .positive][sentimentHead.label]
        let offensive = offensiveHead.label == 1
        var scores: [TriageIntent: Double] = [
            .complaint: complaint.probabilities[1],
            .question: cues.question,
            .request: cues.request,
            .praise: max(cues.praise, sentiment == .positive ? sentimentHead.probabilities[2] : 0) * complaint.probabilities[0],
            .spamTroll: offensiveHead.probabilities[1],
        ]
        scores[.other] = 1 - (scores.values.max() ?? 0)
        let intent = Self.intent(complaint: complaint.label == 1, offensive: offensive, scores: scores)

        let upset = Self.upset(sentiment: sentiment, angerProbability: emotion.probabilities[0], offensive: offensive, shouting: cues.shouting, complaint: intent == .complaint)
        let personalData = PersonalDataDetector(ignoredEmails: input.brandSupportEmails).hits(in: input.text)
        var factors: [TriageComplexity.Factor] = []
        if cues.severalIssues { factors.append(.severalIssues) }
        if cues.accountSpecific || personalData.contains(where: { $0.kind != .email && $0.kind != .phone }) {
            factors.append(.accountSpecific)
        }
        if cues.needsInvestigation && intent == .complaint { factors.append(.needsInvestigation) }
        let complexity = TriageComplexity(factors: factors)

        return TriageResult(
            intent: intent,
            intentScores: scores,
            sentiment: sentiment,
            sentimentScores: [.negative: sentimentHead.probabilities[0], .neutral: sentimentHead.probabilities[1], .positive: sentimentHead.probabilities[2]],
            upset: upset,
            offensive: offensive,
            personalData: personalData,
            complexity: complexity,
            priority: TriagePriorityRules.priority(
                intent: intent, upset: upset, followers: input.authorFollowers, verified: input.authorVerified,
                waitingSeconds: input.waitingSeconds, hasPersonalData: !personalData.isEmpty, complexity: complexity),
            handoff: handoffAdvice.advise(
                personalData: personalData, upset: upset, complexity: complexity, intent: intent, brandUserID: input.brandUserID)
        )
    }

    /// A rude complaint is still a complaint; only abuse without a complaint or a question is a troll.
    static func intent(complaint: Bool, offensive: Bool, scores: [TriageIntent: Double]) -> TriageIntent {
        if complaint { return .complaint }
        if offensive && (scores[.question] ?? 0) < 0.6 { return .spamTroll }
        if (scores[.question] ?? 0) >= 0.6 { return .question }
        if (scores[.request] ?? 0) >= 0.6 { return .request }
        if (scores[.praise] ?? 0) >= 0.5 { return .praise }
        return .other
    }

    /// 2 when negative and angry, abusive or shouting; 1 when negative or complaining; else 0.
    static func upset(sentiment: TriageSentiment, angerProbability: Double, offensive: Bool, shouting: Bool, complaint: Bool) -> Int {
        let negative = sentiment == .negative
        if negative && (angerProbability >= 0.5 || offensive || shouting) { return 2 }
        if negative || complaint { return 1 }
        return 0
    }
}
