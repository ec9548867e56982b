/// Word cues for the intents the models were not trained on (question, request, praise, spam and
/// trolling), for problems the complaint model misses, and for complexity. Plain word lists, so a
/// reason can always say which words triggered it. Tuned on `intent-dev.jsonl` only.
struct TriageCues {
    private(set) var question = 0.1
    private(set) var request = 0.1
    private(set) var praise = 0.1
    /// A problem named outright ("not working", "charged twice", "delayed").
    private(set) var problem = false
    /// Promotion, scams and follow-for-follow.
    private(set) var spam = false
    /// Provocation with no service issue ("ratio", "touch grass").
    private(set) var troll = false
    private(set) var shouting = false
    private(set) var severalIssues = false
    private(set) var accountSpecific = false
    private(set) var needsInvestigation = false

    init(tokens: borrowing TriageTokens) {
        var exclamations = 0
        var questionMarks = 0
        var firstWordChecked = false
        var startsAsQuestion = false
        var startsAsRequest = false
        var groups: Group = []
        // The last three tokens' vocabulary indices (-1: not in the vocabulary), for phrases.
        var recent: (Int32, Int32, Int32) = (-1, -1, -1)
        for i in 0..<tokens.count {
            // A hashtag's "#" is no word: "#how do I..." still starts as a question.
            if tokens.kind(i) == .hashMark { continue }
            let index = Self.vocabulary.value(of: i, in: tokens) ?? -1
            recent = (recent.1, recent.2, index)
            if tokens.kind(i) == .mention { continue }
            if index < 0 {
                firstWordChecked = true
                continue
            }
            let word = Self.words[Int(index)]
            if !firstWordChecked {
                firstWordChecked = true
                startsAsQuestion = word.groups.contains(.questionStart)
                startsAsRequest = word.groups.contains(.requestStart)
            }
            groups.formUnion(word.groups)
            if index == Self.exclamation { exclamations += 1 }
            if index == Self.questionMark { questionMarks += 1 }
            for phrase in Self.phrasesEndingWith[Int(index)] where phrase.ends(with: recent) { groups.insert(phrase.group) }
        }
        if questionMarks > 0 {
            question = 0.9
        } else if startsAsQuestion {
            question = 0.6
        }
        if groups.contains(.request) || startsAsRequest { request = 0.8 }
        if groups.contains(.praise) { praise = 0.7 }
        problem = groups.contains(.problem)
        spam = groups.contains(.spam)
        troll = groups.contains(.troll)
        shouting = exclamations >= 3
        severalIssues = questionMarks >= 2 || groups.contains(.severalIssues)
        accountSpecific = groups.contains(.accountSpecific)
        needsInvestigation = groups.contains(.needsInvestigation)
    }

    struct Group: OptionSet {
        let rawValue: UInt16
        static let questionStart = Group(rawValue: 1)
        static let request = Group(rawValue: 2)
        static let praise = Group(rawValue: 4)
        static let severalIssues = Group(rawValue: 8)
        static let accountSpecific = Group(rawValue: 16)
        static let needsInvestigation = Group(rawValue: 32)
        /// An imperative verb, which asks for something only as the message's first word.
        static let requestStart = Group(rawValue: 64)
        static let problem = Group(rawValue: 128)
        static let spam = Group(rawValue: 256)
        static let troll = Group(rawValue: 512)
    }

    private struct Word {
        var text: String
        var groups: Group
    }

    private struct Phrase {
        var words: [Int32]
        var group: Group

        func ends(with recent: (Int32, Int32, Int32)) -> Bool {
            switch words.count {
            case 2: words[0] == recent.1 && words[1] == recent.2
            default: words[0] == recent.0 && words[1] == recent.1 && words[2] == recent.2
            }
        }
    }

    private static let groupedWords: [(Group, [String])] = [
        (.questionStart, [
            "how", "what", "why", "when", "where", "who", "which", "can", "could", "is", "are", "do", "does", "did",
            "will", "would", "should", "any", "anyone", "what's", "whats", "how's", "where's", "when's", "who's",
            "wondering", "anybody",
        ]),
        (.request, ["please", "pls", "plz", "kindly"]),
        (.requestStart, [
            "cancel", "change", "update", "send", "resend", "add", "remove", "delete", "switch", "reset", "unlock",
            "restore", "extend", "upgrade", "downgrade", "set", "schedule", "reserve", "hold", "exchange", "return",
            "verify", "port", "pause", "increase", "raise", "lower", "sign", "book", "rebook", "transfer", "replace",
            "close", "activate", "deactivate", "renew", "move", "swap", "call", "email", "contact", "message", "confirm",
            "register", "waive", "credit", "refund", "unsubscribe", "connect", "make", "give", "need", "lemme", "gift",
        ]),
        (.praise, [
            "thanks", "thank", "thx", "love", "great", "awesome", "amazing", "brilliant", "excellent", "best", "kudos",
            "shoutout", "props", "perfect", "fantastic", "wonderful", "superb", "impressed", "appreciate", "appreciated",
            "helpful", "friendly", "hero", "heroes", "saved", "patient", "legend", "legends", "lifesaver", "flawless",
            "outstanding", "incredible", "favourite", "favorite", "grateful", "kind", "painless", "slaps", "bearable",
            "👌", "❤", "❤️", "😍", "🥰",
        ]),
        (.severalIssues, ["also", "another", "plus"]),
        (.accountSpecific, ["refund", "charged", "billing", "billed", "invoice", "password", "login", "locked", "subscription"]),
        (.needsInvestigation, ["still", "again", "weeks", "days", "nobody", "never", "since"]),
        (.problem, [
            "vanished", "disappeared", "declined", "crash", "crashes", "crashed", "crashing", "error", "stuck", "outage",
            "delay", "delayed", "late", "lost", "missing", "wrong", "glitch", "bug", "bugs", "frozen", "freezes",
            "overcharged", "disappointed", "frustrated", "frustrating", "unacceptable", "ridiculous", "terrible",
            "awful", "horrible", "worst", "useless", "invisible", "failed", "fails", "unable", "damaged", "faulty",
            "defective", "rude", "ignored", "ignoring", "deleted",
        ]),
        (.spam, [
            "giveaway", "followers", "followback", "f0f", "crypto", "nft", "nfts", "income", "forex", "bitcoin",
            "btc", "airdrop",
        ]),
        (.troll, [
            "cope", "seethe", "clown", "🤡", "irrelevant", "boring", "loser", "losers", "pathetic",
            "dinosaur", "🐑",
        ]),
    ]

    private static let groupedPhrases: [(Group, [[String]])] = [
        (.request, [
            ["can", "you"], ["could", "you"], ["i", "need"], ["i", "want"], ["help", "me"], ["dm", "me"],
            ["let", "me", "know"], ["send", "me"], ["fix", "this"], ["call", "me"], ["i'd", "like"], ["would", "like"],
            ["need", "to"], ["want", "to"], ["any", "chance"], ["sign", "me"], ["reach", "out"],
        ]),
        (.praise, [
            ["well", "done"], ["above", "and"], ["good", "people"], ["spot", "on"], ["deserves", "a"], ["scary", "good"],
            ["good", "job"], ["nice", "work"],
        ]),
        (.severalIssues, [["and", "now"], ["on", "top"]]),
        (.accountSpecific, [
            ["my", "account"], ["my", "order"], ["my", "bill"], ["my", "subscription"], ["my", "booking"], ["my", "card"],
        ]),
        (.needsInvestigation, [["no", "one"], ["third", "time"]]),
        (.problem, [
            ["not", "working"], ["doesn't", "work"], ["doesnt", "work"], ["didn't", "work"], ["won't", "work"],
            ["isn't", "working"], ["stopped", "working"], ["charged", "twice"], ["double", "charged"],
            ["never", "arrived"], ["never", "received"], ["still", "waiting"], ["out", "of", "sync"],
            ["logs", "me", "out"], ["black", "screen"], ["went", "up"], ["didn't", "arrive"], ["hasn't", "arrived"],
            ["no", "signal"], ["no", "service"], ["no", "internet"], ["been", "out"], ["is", "down"], ["in", "a", "loop"],
            ["for", "the", "last"], ["was", "told"], ["it", "didn't"], ["doesn't", "show"], ["won't", "load"],
        ]),
        (.spam, [
            ["follow", "for", "follow"], ["follow", "back"], ["check", "my", "profile"], ["link", "in", "bio"],
            ["no", "experience"], ["passive", "income"], ["dm", "now"], ["buy", "and", "sell"],
            ["selling", "followers"], ["free", "iphones"], ["not", "affiliated"], ["watch", "my", "video"],
            ["message", "me"],
        ]),
        (.troll, [
            ["touch", "grass"], ["log", "off"], ["nobody", "asked"], ["who", "asked"], ["go", "cry"], ["bet", "you"],
            ["i", "dare"], ["a", "joke"], ["personality", "of"], ["be", "fired"], ["who", "even"], ["uninstall", "yourself"],
            ["you", "people"], ["run", "by", "a"], ["keep", "tweeting"], ["keep", "posting"], ["follow", "me"],
        ]),
    ]

    /// Every word a cue or phrase reads, with "!" and "?", each once.
    private static let words: [Word] = {
        var out: [Word] = [Word(text: "!", groups: []), Word(text: "?", groups: [])]
        func add(_ text: String, _ groups: Group) {
            if let i = out.firstIndex(where: { $0.text == text }) {
                out[i].groups.formUnion(groups)
            } else {
                out.append(Word(text: text, groups: groups))
            }
        }
        for (group, list) in groupedWords { for w in list { add(w, [group]) } }
        for (_, phrases) in groupedPhrases { for p in phrases { for w in p { add(w, []) } } }
        return out
    }()

    private static let exclamation: Int32 = 0
    private static let questionMark: Int32 = 1

    private static let vocabulary = TriageWordTable(words.enumerated().map { ($0.element.text, Int32($0.offset)) })

    private static let phrases: [Phrase] = groupedPhrases.flatMap { group, list in
        list.map { p in Phrase(words: p.map { w in Int32(words.firstIndex { $0.text == w }!) }, group: group) }
    }

    /// The phrases by their last word's vocabulary index, so a word checks only the phrases it ends.
    private static let phrasesEndingWith: [[Phrase]] = {
        var out = [[Phrase]](repeating: [], count: words.count)
        for phrase in phrases { out[Int(phrase.words.last!)].append(phrase) }
        return out
    }()
}
