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
    /// Word to valence level (VADER's lexicon, rounded), or `negation` for the words that flip the
    /// level of the lexicon words after them.
    private let lexicon: TriageWordTable
    private let negationReach: Int
    /// Hash of the feature "L<level>" at index `level + levelOffset`.
    private let levelFeatures: [UInt32]
    private let levelOffset: Int

    private static let negation = Int32.min

    public init(
        hashBits: Int, charGramMin: Int, charGramMax: Int,
        lexicon: [String: Int] = [:], negations: [String] = [], negationReach: Int = 0
    ) {
        precondition((1...30).contains(hashBits), "hash bits out of range")
        precondition(1 <= charGramMin && charGramMin <= charGramMax, "bad character n-gram sizes")
        self.hashBits = hashBits
        self.charGramMin = charGramMin
        self.charGramMax = charGramMax
        // A negation is never looked up as a lexicon word (the training script checks it first),
        // so negations are listed first and win.
        let words = negations.map { ($0, Self.negation) } + lexicon.sorted { $0.key < $1.key }.map { ($0.key, Int32($0.value)) }
        self.lexicon = TriageWordTable(words)
        self.negationReach = negationReach
        let widest = lexicon.values.map { abs($0) }.max() ?? 0
        self.levelOffset = widest
        self.levelFeatures = (-widest...widest).map { FNV1a.start.byte(0x4C).scalars(String($0).unicodeScalars.map(\.value)).value }
    }

    /// The normalized tokens, as the training script sees them (for tests and explanations).
    public func tokens(of text: String) -> [String] {
        TriageTokens.with(text) { tokens in (0..<tokens.count).map { tokens.string($0) } }
    }

    /// Calls `visit` with the block and bucket of every feature occurrence, block by block in the
    /// training script's order, and returns how many occurrences each block had.
    @discardableResult
    public func forEachBucket(of text: String, _ visit: (Block, Int) -> Void) -> [Int] {
        TriageTokens.with(text) { tokens in
            let counts = forEachBucket(of: tokens, visit)
            return [counts.words, counts.characters, counts.lexicon]
        }
    }

    /// The features of tokenized text; see `forEachBucket(of:_:)`.
    func forEachBucket(
        of tokens: borrowing TriageTokens, _ visit: (Block, Int) -> Void
    ) -> (words: Int, characters: Int, lexicon: Int) {
        let mask = UInt32(truncatingIfNeeded: (1 << hashBits) - 1)
        let n = tokens.count
        for i in 0..<n {
            visit(.words, Int(tokens.wordHash(i) & mask))  // "w" + token
        }
        if n > 1 {
            for i in 1..<n {
                var hash = FNV1a.start.byte(0x62)  // "b" + previous + " " + token
                for v in tokens.scalars(i - 1) { hash = hash.scalar(v) }
                hash = hash.byte(0x20)
                for v in tokens.scalars(i) { hash = hash.scalar(v) }
                visit(.words, Int(hash.value & mask))
            }
        }
        var characters = 0
        for i in 0..<n where tokens.isPlainWord(i) {
            // The word padded with a space each side; start-major order lets one running hash grow
            // from the shortest to the longest n-gram at each start.
            let word = tokens.scalars(i)
            let padded = word.count + 2
            guard padded >= charGramMin else { continue }
            for start in 0...(padded - charGramMin) {
                var hash = FNV1a.start.byte(0x63)  // "c"
                let longest = min(charGramMax, padded - start)
                for size in 1...longest {
                    let k = start + size - 1
                    hash = hash.scalar(k == 0 || k == padded - 1 ? 0x20 : word[k - 1])
                    if size >= charGramMin {
                        visit(.characters, Int(hash.value & mask))
                        characters += 1
                    }
                }
            }
        }
        var lexiconCount = 0
        if !lexicon.isEmpty {
            var lastNegation = -(negationReach + 1)
            for i in 0..<n {
                guard let value = lexicon.value(of: i, in: tokens) else { continue }
                if value == Self.negation {
                    lastNegation = i
                    continue
                }
                var level = Int(value)
                if i - lastNegation <= negationReach {
                    visit(.lexicon, Int(Self.negatedFeature & mask))
                    lexiconCount += 1
                    level = -level
                }
                visit(.lexicon, Int(levelFeatures[level + levelOffset] & mask))  // "L" + level
                lexiconCount += 1
            }
        }
        return (2 * n - (n > 0 ? 1 : 0), characters, lexiconCount)
    }

    private static let negatedFeature = FNV1a.start.byte(0x4C).byte(0x6E).value  // "Ln"
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

    func bytes(_ bs: some Sequence<UInt8>) -> FNV1a {
        bs.reduce(self) { $0.byte($1) }
    }

    func scalars(_ vs: [UInt32]) -> FNV1a {
        vs.reduce(self) { $0.scalar($1) }
    }
}
