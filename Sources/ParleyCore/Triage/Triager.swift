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
        // One tokenization serves every head and the word cues.
        let scored = models.linear.withMargins(of: input.text) { m, tokens in
            Scored(
                complaint: models.complaint.label(margins: m) == 1,
                complaintProbability: models.complaint.probability(ofLabel: 1, margins: m),
                sentiment: models.sentiment.label(margins: m),
                sentimentProbabilities: (0..<3).map { models.sentiment.probability(ofLabel: $0, margins: m) },
                offensive: models.offensive.label(margins: m) == 1,
                offensiveProbability: models.offensive.probability(ofLabel: 1, margins: m),
                angerProbability: models.emotion.probability(ofLabel: 0, margins: m),
                cues: TriageCues(tokens: tokens))
        }
        let cues = scored.cues
        let sentiment = [TriageSentiment.negative, .neutral, .positive][scored.sentiment]
        let offensive = scored.offensive
        let sentimentProbabilities = scored.sentimentProbabilities
        var scores: [TriageIntent: Double] = [
            .complaint: max(scored.complaintProbability, cues.problem ? 0.8 : 0),
            .question: cues.question,
            .request: cues.request,
            // Complaints are decided first, so praise needs no discount for a complaint's chance.
            .praise: max(cues.praise, sentiment == .positive ? sentimentProbabilities[2] : 0),
            .spamTroll: max(scored.offensiveProbability, cues.spam || cues.troll ? 0.8 : 0),
        ]
        scores[.other] = 1 - (scores.values.max() ?? 0)
        let intent = Self.intent(complaint: scored.complaint, offensive: offensive, cues: cues, scores: scores)

        let upset = Self.upset(sentiment: sentiment, angerProbability: scored.angerProbability, offensive: offensive, shouting: cues.shouting, complaint: intent == .complaint)
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
            sentimentScores: [.negative: sentimentProbabilities[0], .neutral: sentimentProbabilities[1], .positive: sentimentProbabilities[2]],
            upset: upset,
            offensive: offensive,
            personalData: personalData,
            complexity: complexity,
            priority: TriagePriorityRules.priority(
                intent: intent, upset: upset, followers: input.authorFollowers, verified: input.authorVerified,
                waitingSeconds: input.waitingSeconds, hasPersonalData: !personalData.isEmpty, complexity: complexity),
            handoff: (input.handoffTemplate.map { TriageHandoffAdvice(replyTemplate: $0) } ?? handoffAdvice).advise(
                personalData: personalData, upset: upset, complexity: complexity, intent: intent, brandUserID: input.brandUserID)
        )
    }

    /// Spam and provocation first (spam borrows a complaint's words) unless a problem is named or the
    /// complaint model is sure; a rude complaint is still a complaint; a request phrased as a
    /// question is a request.
    static func intent(complaint: Bool, offensive: Bool, cues: TriageCues, scores: [TriageIntent: Double]) -> TriageIntent {
        if (cues.spam || cues.troll) && !cues.problem && (scores[.complaint] ?? 0) < 0.8 { return .spamTroll }
        if complaint || cues.problem { return .complaint }
        if offensive && (scores[.question] ?? 0) < 0.6 { return .spamTroll }
        if (scores[.request] ?? 0) >= 0.8 { return .request }
        if (scores[.question] ?? 0) >= 0.6 { return .question }
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

    /// What the models and cues said about one message, read while its tokens are at hand.
    private struct Scored {
        var complaint: Bool
        var complaintProbability: Double
        var sentiment: Int
        var sentimentProbabilities: [Double]
        var offensive: Bool
        var offensiveProbability: Double
        var angerProbability: Double
        var cues: TriageCues
    }
}
