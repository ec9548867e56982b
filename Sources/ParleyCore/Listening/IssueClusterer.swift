import Foundation

/// Groups problem reports as they arrive (online, one pass, no retraining): a message joins the
/// active issue of its handle whose words it shares most, if it shares at least two of them and
/// the issue's members say on average half of the message's words; otherwise it starts an issue.
///
/// Words are the message's content words, lightly stemmed ("crashes", "crashing" → "crash"),
/// without stop words, the generic words of care ("help", "please", "account"), numbers, links,
/// @names, and the brand's own names and terms, which every message shares.
public struct IssueClusterer: Sendable {
    public var joinThreshold = 0.5
    public var minimumShared = 2
    public var wordsKept = 40
    /// An issue with nothing new for this long is no longer joined.
    public var activeFor: TimeInterval = 2 * 86_400
    let brandWords: Set<String>

    public init(brand: BrandDirectory) {
        var words = Set<String>()
        for handle in brand.handles {
            words.insert(handle.username.lowercased())
            for term in handle.terms { for word in term.lowercased().split(separator: " ") { words.insert(Self.stem(String(word))) } }
        }
        brandWords = words
    }

    /// Whether a message is a report of a problem: a complaint or a question, or negative.
    public static func reportsAProblem(_ message: Message) -> Bool {
        guard !message.kind.isOwn else { return false }
        guard let triage = message.triage else { return true }
        return triage.intent == .complaint || triage.intent == .question || triage.sentiment == .negative
    }

    /// The distinct words the clusterer compares: each stem with the form it was written in, the
    /// first `wordsKept` of them (all of a post's; an e-mail's subject and opening, which say what
    /// it is about, while its whole body would make each comparison many times dearer).
    public func words(of text: String) -> [(stem: String, form: String)] {
        var result: [(stem: String, form: String)] = []
        var seen = Set<String>()
        for raw in text.lowercased().split(whereSeparator: { !($0.isLetter || $0 == "'" || $0 == "@" || $0 == "/" || $0 == ":" || $0 == "." ) }) {
            var token = raw
            if token.hasPrefix("@") || token.contains("/") || token.contains(":") { continue }
            token = token.split(separator: ".").first ?? token
            let written = token.replacingOccurrences(of: "'", with: "")
            let stem = Self.stem(written)
            let word = Self.synonyms[stem] ?? stem
            let form = Self.synonyms[stem] ?? written
            guard word.count >= 3, word.count <= 30, !Self.stopWords.contains(word), !brandWords.contains(word) else { continue }
            if seen.insert(word).inserted {
                result.append((word, form))
                if result.count == wordsKept { break }
            }
        }
        return result
    }

    /// Joins `words` to the best issue on `board` (updating it), or starts one; returns its id,
    /// or nil when the message has too few words to say what its problem is. Of issues scoring
    /// the same, the first on the board wins.
    public func assign(_ written: [(stem: String, form: String)], handleID: UUID?, at now: Date, board: inout IssueBoard, newID: () -> UUID) -> UUID? {
        let words = written.map(\.stem)
        guard words.count >= minimumShared else { return nil }
        var best: (index: Int, score: Double)?
        for index in board.candidates(sharing: words, minimum: minimumShared) {
            let issue = board.issue(index)
            guard issue.handleID == handleID, now.timeIntervalSince(issue.lastSeen) <= activeFor else { continue }
            var coverage = 0.0
            for word in words {
                guard let count = issue.wordCounts[word] else { continue }
                coverage += min(1, Double(count) / Double(issue.size))
            }
            let score = coverage / Double(words.count)
            guard score >= joinThreshold else { continue }
            if best == nil || score > best!.score { best = (index, score) }
        }
        if let best {
            var issue = board.issue(best.index)
            for (word, form) in written {
                issue.wordCounts[word, default: 0] += 1
                if issue.forms[word] == nil { issue.forms[word] = form }
            }
            if issue.wordCounts.count > wordsKept {
                let kept = Set(issue.topWords.prefix(wordsKept))
                issue.wordCounts = issue.wordCounts.filter { kept.contains($0.key) }
                issue.forms = issue.forms.filter { kept.contains($0.key) }
            }
            issue.size += 1
            issue.lastSeen = max(issue.lastSeen, now)
            board.update(best.index, issue)
            return issue.id
        }
        let issue = IssueCluster(
            id: newID(), handleID: handleID, wordCounts: Dictionary(uniqueKeysWithValues: words.prefix(wordsKept).map { ($0, 1) }),
            forms: Dictionary(uniqueKeysWithValues: written.prefix(wordsKept).map { ($0.stem, $0.form) }),
            size: 1, firstSeen: now, lastSeen: now)
        board.add(issue)
        return issue.id
    }

    /// Words customers write apart for one thing ("log in", "logon" and "login").
    static let synonyms: [String: String] = ["log": "login", "logon": "login", "signin": "login"]

    /// Light suffix stripping, so the forms of one word meet.
    static func stem(_ word: String) -> String {
        var w = word
        for suffix in ["ing", "ed", "es", "s"] where w.count > suffix.count + 3 && w.hasSuffix(suffix) {
            w.removeLast(suffix.count)
            break
        }
        if w.count > 4, let last = w.last, let before = w.dropLast().last, last == before, !"ls".contains(last) { w.removeLast() }
        return w
    }

    static let stopWords: Set<String> = Set("""
        the and for are but not you your yours with this that these those from have has had was were been being does did doing \
        what when why how who whom where which there here they them their then than too very can cant could would should will wont \
        just about into over again also any all some such only own same more most other out off once again both each few nor our ours \
        ourselves yourself yourselves himself herself itself themselves its his her him she hers myself because until while above below \
        between through during before after under further dont didnt doesnt isnt wasnt arent werent havent hasnt hadnt wouldnt shouldnt \
        couldnt ive youre theyre were thats whats theres heres lets im id ill youll youve weve theyve its it's amp via yet still ever even \
        now today tonight yesterday tomorrow day days week weeks month months year years time times hour hours minute minutes \
        help please thank thanks thx hello hey hiya dear guy guys team someone anyone anybody everyone people person customer \
        service support issue issues problem problems question questions account get got getting gets make made making know knew \
        need needs want wants wanted like likes really actually literally already always never keep kept going gone way thing things \
        tell told say said ask asked see seen look looking try tried trying work working works worked use using used \
        back still one two three first last new old good bad great much many lot lots well sure yes yeah okay wait waiting
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { stem(String($0)) })
}
