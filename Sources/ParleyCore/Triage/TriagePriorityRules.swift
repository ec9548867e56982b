/// How the priority score is built: a base by intent, then points for upset, reach, waiting time,
/// personal data and complexity. Additive and capped, so each reason's share is visible.
enum TriagePriorityRules {
    static func priority(
        intent: TriageIntent, upset: Int, followers: Int?, verified: Bool, waitingSeconds: Double,
        hasPersonalData: Bool, complexity: TriageComplexity
    ) -> TriagePriority {
        var score = 0
        var reasons: [String] = []
        switch intent {
        case .complaint: score += 40
        case .question, .request: score += 30
        case .other: score += 15
        case .praise: score += 10
        case .spamTroll: score += 5
        }
        reasons.append(intent == .spamTroll ? "spam/troll" : intent.rawValue)
        if upset > 0 {
            score += upset * 10
            reasons.append(upset == 2 ? "upset" : "unhappy")
        }
        if let followers {
            // Steps rather than a curve: a reason reads "reach 120k", not a fraction of a point.
            let points = followers >= 1_000_000 ? 20 : followers >= 100_000 ? 15 : followers >= 10_000 ? 10 : followers >= 1_000 ? 5 : 0
            if points > 0 {
                score += points
                reasons.append("reach \(compact(followers))")
            }
        }
        if verified {
            score += 5
            reasons.append("verified")
        }
        let minutes = Int(max(0, waitingSeconds) / 60)
        if minutes >= 5 {
            score += min(20, minutes / 3)
            reasons.append("waiting \(minutes) min")
        }
        if hasPersonalData {
            score += 5
            reasons.append("contains personal data")
        }
        if complexity.level > 0 {
            score += 5 * complexity.level
            reasons.append(contentsOf: complexity.factors.map(\.rawValue))
        }
        if intent == .spamTroll {
            // Do not feed trolls: however loud, an abusive post stays at the bottom.
            score = min(score, 20)
        }
        return TriagePriority(score: min(100, score), reasons: reasons)
    }

    static func compact(_ n: Int) -> String {
        if n >= 1_000_000 { return "\(n / 1_000_000)\(n % 1_000_000 >= 100_000 ? ".\(n % 1_000_000 / 100_000)" : "")M" }
        if n >= 1_000 { return "\(n / 1_000)k" }
        return "\(n)"
    }
}
