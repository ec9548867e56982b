/// Hashed word, word-pair and character n-gram features of a message.
///
/// The training script `Scripts/train/triage_features.py` defines the same features; the two must
/// agree bucket for bucket and in visiting order, because the runtime reproduces the trained
/// model's scores bit for bit (a test checks this). So every rule here is stated on Unicode scalars
/// with explicit ASCII ranges: no locale-aware lowercasing and no Unicode property tables, whose
/// versions differ between Python and Foundation.
public struct TriageTextFeatures: Sendable {
    /// Features fall in blocks, each scaled by 1/sqrt(its own count), so a handful of word or
    /// lexicon features is not drowned by the hundreds of character n-grams of the same message.
    public enum Block: Int, CaseIterable, Sendable {
        case words, characters, lexicon
    }

    public let hashBits: Int
    public let charGramMin: Int
    public let charGramMax: Int
    /// Word to valence level (VADER's lexicon, rounded), and the words that flip a level after them.
    private let lexicon: [[UInt32]: Int]
    private let negations: Set<[UInt32]>
    private let negationReach: Int

    public init(
        hashBits: Int, charGramMin: Int, charGramMax: Int,
        lexicon: [String: Int] = [:], negations: [String] = [], negationReach: Int = 0
    ) {
        precondition((1...30).contains(hashBits), "hash bits out of range")
        precondition(1 <= charGramMin && charGramMin <= charGramMax, "bad character n-gram sizes")
        self.hashBits = hashBits
        self.charGramMin = charGramMin
        self.charGramMax = charGramMax
        self.lexicon = Dictionary(lexicon.map { ($0.key.unicodeScalars.map(\.value), $0.value) }) { a, _ in a }
        self.negations = Set(negations.map { $0.unicodeScalars.map(\.value) })
        self.negationReach = negationReach
    }

    /// The normalized tokens, as the training script sees them (for tests and explanations).
    public func tokens(of text: String) -> [String] {
        Self.tokenize(text).map { token in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: token.compactMap(Unicode.Scalar.init))
            return String(s)
        }
    }

    /// Calls `visit` with the block and bucket of every feature occurrence, block by block in the
    /// training script's order, and returns how many occurrences each block had.
    @discardableResult
    public func forEachBucket(of text: String, _ visit: (Block, Int) -> Void) -> [Int] {
        let mask = UInt32(truncatingIfNeeded: (1 << hashBits) - 1)
        let tokens = Self.tokenize(text)
        var counts = [0, 0, 0]
        func emit(_ block: Block, _ hash: UInt32) {
            visit(block, Int(hash & mask))
            counts[block.rawValue] += 1
        }
        for token in tokens {
            emit(.words, FNV1a.start.byte(0x77).scalars(token).value)  // "w"
        }
        if tokens.count > 1 {
            for i in 1..<tokens.count {
                emit(.words, FNV1a.start.byte(0x62).scalars(tokens[i - 1]).byte(0x20).scalars(tokens[i]).value)  // "b"
            }
        }
        var padded: [UInt32] = []
        for token in tokens where Self.isPlainWord(token) {
            padded.removeAll(keepingCapacity: true)
            padded.append(0x20)
            padded.append(contentsOf: token)
            padded.append(0x20)
            guard padded.count >= charGramMin else { continue }
            for start in 0...(padded.count - charGramMin) {
                var hash = FNV1a.start.byte(0x63)  // "c"
                let longest = min(charGramMax, padded.count - start)
                for size in 1...longest {
                    hash = hash.scalar(padded[start + size - 1])
                    if size >= charGramMin { emit(.characters, hash.value) }
                }
            }
        }
        if !lexicon.isEmpty {
            var lastNegation = -(negationReach + 1)
            for (i, token) in tokens.enumerated() {
                if negations.contains(token) {
                    lastNegation = i
                    continue
                }
                guard var level = lexicon[token] else { continue }
                if i - lastNegation <= negationReach {
                    emit(.lexicon, Self.negatedFeature)
                    level = -level
                }
                emit(.lexicon, FNV1a.start.byte(0x4C).scalars(String(level).unicodeScalars.map(\.value)).value)  // "L"
            }
        }
        return counts
    }

    private static let negatedFeature = FNV1a.start.byte(0x4C).byte(0x6E).value  // "Ln"

    // MARK: - Tokenization

    static func tokenize(_ text: String) -> [[UInt32]] {
        let scalars: [UInt32] = text.unicodeScalars.map { s in
            let v = s.value
            if v >= 0x41 && v <= 0x5A { return v + 32 }
            return v == 0x2019 ? 0x27 : v  // the typographic apostrophe is folded to ASCII
        }
        var tokens: [[UInt32]] = []
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            if c == 0x68 && startsURL(scalars, at: i) {
                while i < n && !isSpace(scalars[i]) { i += 1 }
                tokens.append(urlToken)
                continue
            }
            if c == 0x40 && i + 1 < n && isWordScalar(scalars[i + 1]) {
                i += 1
                while i < n && isWordScalar(scalars[i]) { i += 1 }
                tokens.append(mentionToken)
                continue
            }
            if isWordScalar(c) {
                let start = i
                while i < n && isWordScalar(scalars[i]) { i += 1 }
                let word = cleanWord(scalars[start..<i])
                if !word.isEmpty { tokens.append(word) }
                continue
            }
            if c == 0x21 || c == 0x3F || isEmoji(c) { tokens.append([c]) }  // "!" "?" and emoji carry tone
            i += 1
        }
        return tokens
    }

    private static let urlToken: [UInt32] = "<url>".unicodeScalars.map(\.value)
    private static let mentionToken: [UInt32] = "@user".unicodeScalars.map(\.value)
    private static let httpPrefixes: [[UInt32]] = ["http://", "https://"].map { $0.unicodeScalars.map(\.value) }

    private static func startsURL(_ s: [UInt32], at i: Int) -> Bool {
        httpPrefixes.contains { p in s.count - i >= p.count && s[i..<(i + p.count)].elementsEqual(p) }
    }

    /// Apostrophes count only inside a word ("don't"), and every digit becomes 0: that there is an
    /// amount or a date matters more than which.
    private static func cleanWord(_ word: ArraySlice<UInt32>) -> [UInt32] {
        var lower = word.startIndex
        var upper = word.endIndex
        while lower < upper && word[lower] == 0x27 { lower += 1 }
        while upper > lower && word[upper - 1] == 0x27 { upper -= 1 }
        return word[lower..<upper].map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 : $0 }
    }

    static func isPlainWord(_ token: [UInt32]) -> Bool {
        guard let first = token.first else { return false }
        return token != urlToken && token != mentionToken && isWordScalar(first)
    }

    static func isEmoji(_ c: UInt32) -> Bool {
        (0x1F000...0x1FAFF).contains(c) || (0x2600...0x27BF).contains(c)
    }

    /// Spaces outside ASCII that tweets put between words; zero-width joiners are absent on purpose,
    /// since they glue emoji sequences, not words.
    static func isExtraSeparator(_ c: UInt32) -> Bool {
        switch c {
        case 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x2000...0x200B: true
        default: false
        }
    }

    static func isSpace(_ c: UInt32) -> Bool {
        (0x09...0x0D).contains(c) || c == 0x20 || isExtraSeparator(c)
    }

    static func isWordScalar(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
                || c == 0x5F || c == 0x27
        }
        if isExtraSeparator(c) || isEmoji(c) { return false }
        // Variation selectors and the zero-width joiner belong to the emoji before them.
        return !((0xFE00...0xFE0F).contains(c) || c == 0x200D)
    }
}

/// 32-bit FNV-1a over UTF-8 bytes: trivial to implement identically in the training script.
struct FNV1a {
    var value: UInt32

    static let start = FNV1a(value: 0x811C_9DC5)

    func byte(_ b: UInt8) -> FNV1a {
        FNV1a(value: (value ^ UInt32(b)) &* 0x0100_0193)
    }

    /// Hashes the scalar's UTF-8 encoding without materializing a string.
    func scalar(_ v: UInt32) -> FNV1a {
        switch v {
        case ..<0x80:
            return byte(UInt8(v))
        case ..<0x800:
            return byte(UInt8(0xC0 | (v >> 6))).byte(UInt8(0x80 | (v & 0x3F)))
        case ..<0x10000:
            return byte(UInt8(0xE0 | (v >> 12))).byte(UInt8(0x80 | ((v >> 6) & 0x3F))).byte(UInt8(0x80 | (v & 0x3F)))
        default:
            return byte(UInt8(0xF0 | (v >> 18))).byte(UInt8(0x80 | ((v >> 12) & 0x3F)))
                .byte(UInt8(0x80 | ((v >> 6) & 0x3F))).byte(UInt8(0x80 | (v & 0x3F)))
        }
    }

    func scalars(_ vs: [UInt32]) -> FNV1a {
        vs.reduce(self) { $0.scalar($1) }
    }
}
