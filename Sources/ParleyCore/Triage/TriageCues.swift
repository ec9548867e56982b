/// Word cues for the intents the models were not trained on (question, request, praise) and for
/// complexity. Plain word lists, so a reason can always say which words triggered it.
struct TriageCues {
    let tokens: [String]

    init(tokens: [String]) { self.tokens = tokens }

    private func has(_ words: Set<String>) -> Bool { tokens.contains { words.contains($0) } }

    private func hasPhrase(_ phrases: [[String]]) -> Bool {
        phrases.contains { p in
            tokens.count >= p.count && (0...(tokens.count - p.count)).contains { tokens[$0..<($0 + p.count)].elementsEqual(p) }
        }
    }

    private var firstWord: String? { tokens.first { $0 != "@user" } }

    var question: Double {
        if tokens.contains("?") { return 0.9 }
        if let first = firstWord, Self.questionStarts.contains(first) { return 0.6 }
        return 0.1
    }

    var request: Double {
        if has(["please", "pls", "plz", "kindly"]) || hasPhrase(Self.requestPhrases) { return 0.8 }
        return 0.1
    }

    var praise: Double {
        has(["thanks", "thank", "thx", "love", "great", "awesome", "amazing", "brilliant", "excellent", "best"]) ? 0.7 : 0.1
    }

    var shouting: Bool { tokens.filter { $0 == "!" }.count >= 3 }

    var severalIssues: Bool {
        tokens.filter { $0 == "?" }.count >= 2 || has(["also", "another", "plus"]) || hasPhrase([["and", "now"], ["on", "top"]])
    }

    var accountSpecific: Bool {
        hasPhrase([["my", "account"], ["my", "order"], ["my", "bill"], ["my", "subscription"], ["my", "booking"], ["my", "card"]])
            || has(["refund", "charged", "billing", "billed", "invoice", "password", "login", "locked", "subscription"])
    }

    var needsInvestigation: Bool {
        has(["still", "again", "weeks", "days", "nobody", "never", "since"]) || hasPhrase([["no", "one"], ["third", "time"]])
    }

    static let questionStarts: Set<String> = [
        "how", "what", "why", "when", "where", "who", "which", "can", "could", "is", "are", "do", "does", "did",
        "will", "would", "should", "any", "anyone",
    ]

    static let requestPhrases: [[String]] = [
        ["can", "you"], ["could", "you"], ["i", "need"], ["i", "want"], ["help", "me"], ["dm", "me"],
        ["let", "me", "know"], ["send", "me"], ["fix", "this"], ["call", "me"],
    ]
}
