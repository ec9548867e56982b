/// The normalized tokens of one message, held in scratch memory that lives only for the call that
/// tokenized it (`TriageTokens.with(_:_:)`), so triage allocates nothing per token.
///
/// The rules are the training script's (`Scripts/train/triage_features.py`, `tokens`): ASCII-only
/// lowercasing, U+2019 folded to `'`, URLs as `<url>`, mentions as `@user`, digits as `0`, and `!`,
/// `?`, `#` and emoji as tokens of their own. They are stated on Unicode scalars with explicit ranges, as
/// Unicode property tables differ between Python and Foundation versions.
struct TriageTokens: ~Copyable {
    enum Kind: UInt32 {
        /// `hashMark` is the "#" of a hashtag, a token of its own before the tag's word: the models
        /// learn from it (irony, emotion), while the word cues skip it.
        case word, url, mention, symbol, hashMark
    }

    /// Token scalars back to back; token `i` is `content[bounds[i]..<bounds[i + 1]]`.
    private let content: UnsafeMutablePointer<UInt32>
    private let bounds: UnsafeMutablePointer<UInt32>
    private let hashes: UnsafeMutablePointer<UInt32>
    private let kinds: UnsafeMutablePointer<UInt32>
    private(set) var count = 0

    private init(
        content: UnsafeMutablePointer<UInt32>, bounds: UnsafeMutablePointer<UInt32>,
        hashes: UnsafeMutablePointer<UInt32>, kinds: UnsafeMutablePointer<UInt32>
    ) {
        self.content = content
        self.bounds = bounds
        self.hashes = hashes
        self.kinds = kinds
        bounds[0] = 0
    }

    /// Tokenizes `text` into scratch memory and passes the tokens to `body`, which must not keep them.
    static func with<R>(_ text: String, _ body: (borrowing TriageTokens) -> R) -> R {
        var text = text
        return text.withUTF8 { utf8 in
            let n = utf8.count
            // Scalars never outnumber UTF-8 bytes. Token text can outgrow its source: "<url>" replaces
            // at least "http://" but "@user" may replace "@a", so content is at most 2.5× the scalars.
            let capacity = n + (3 * n + 16) + (n + 2) + (n + 1) + (n + 1)
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { scratch in
                let base = scratch.baseAddress!
                let scalars = base
                let m = decode(utf8, into: scalars)
                var tokens = TriageTokens(
                    content: base + n, bounds: base + 4 * n + 16, hashes: base + 5 * n + 18, kinds: base + 6 * n + 19)
                tokens.tokenize(UnsafeBufferPointer(start: scalars, count: m))
                return body(tokens)
            }
        }
    }

    // MARK: Reading

    func scalars(_ i: Int) -> UnsafeBufferPointer<UInt32> {
        let start = Int(bounds[i])
        return UnsafeBufferPointer(start: content + start, count: Int(bounds[i + 1]) - start)
    }

    func length(_ i: Int) -> Int { Int(bounds[i + 1] &- bounds[i]) }

    func scalar(_ i: Int, _ k: Int) -> UInt32 { content[Int(bounds[i]) + k] }

    /// FNV-1a of "w" followed by the token: the word feature's hash, and the key of word tables.
    func wordHash(_ i: Int) -> UInt32 { hashes[i] }

    func kind(_ i: Int) -> Kind { Kind(rawValue: kinds[i])! }

    /// A word (not a URL, mention, "!", "?" or emoji): the tokens that get character n-grams.
    func isPlainWord(_ i: Int) -> Bool { kinds[i] == Kind.word.rawValue }

    func string(_ i: Int) -> String {
        var s = String.UnicodeScalarView()
        for v in scalars(i) { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }

    // MARK: Tokenizing

    /// UTF-8 to scalars, lowercasing ASCII and folding the typographic apostrophe. Swift strings
    /// are valid UTF-8, so no validation is needed here.
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt32>) -> Int {
        var i = 0
        var m = 0
        let n = utf8.count
        while i < n {
            let b0 = UInt32(utf8[i])
            var v: UInt32
            if b0 < 0x80 {
                v = b0 &- 0x41 < 26 ? b0 + 32 : b0
                i += 1
            } else if b0 < 0xE0 {
                v = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                i += 2
            } else if b0 < 0xF0 {
                v = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                if v == 0x2019 { v = 0x27 }
                i += 3
            } else {
                v = (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                    | UInt32(utf8[i + 3] & 0x3F)
                i += 4
            }
            out[m] = v
            m += 1
        }
        return m
    }

    private mutating func tokenize(_ s: UnsafeBufferPointer<UInt32>) {
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            if c == 0x68 && Self.startsURL(s, at: i) {
                while i < n && !Self.isSpace(s[i]) { i += 1 }
                append(Self.urlToken, kind: .url)
                continue
            }
            if c == 0x40 && i + 1 < n && Self.isWordScalar(s[i + 1]) {
                i += 1
                while i < n && Self.isWordScalar(s[i]) { i += 1 }
                append(Self.mentionToken, kind: .mention)
                continue
            }
            if Self.isWordScalar(c) {
                var lower = i
                while i < n && Self.isWordScalar(s[i]) { i += 1 }
                // Apostrophes count only inside a word ("don't"), not as quotes around it; every digit
                // becomes 0, as that there is an amount or a date matters more than which.
                var upper = i
                while lower < upper && s[lower] == 0x27 { lower += 1 }
                while upper > lower && s[upper - 1] == 0x27 { upper -= 1 }
                if lower < upper {
                    var w = Int(bounds[count])
                    var hash = FNV1a.start.byte(0x77)  // "w"
                    for k in lower..<upper {
                        let v = s[k] &- 0x30 < 10 ? 0x30 : s[k]
                        content[w] = v
                        hash = hash.scalar(v)
                        w += 1
                    }
                    close(at: w, hash: hash.value, kind: .word)
                }
                continue
            }
            if c == 0x21 || c == 0x3F || c == 0x23 || Self.isEmoji(c) {  // "!" "?" and emoji carry tone; "#" marks a tag
                let w = Int(bounds[count])
                content[w] = c
                close(at: w + 1, hash: FNV1a.start.byte(0x77).scalar(c).value, kind: c == 0x23 ? .hashMark : .symbol)
            }
            i += 1
        }
    }

    private mutating func append(_ token: StaticToken, kind: Kind) {
        var w = Int(bounds[count])
        for v in token.scalars {
            content[w] = v
            w += 1
        }
        close(at: w, hash: token.wordHash, kind: kind)
    }

    private mutating func close(at end: Int, hash: UInt32, kind: Kind) {
        hashes[count] = hash
        kinds[count] = kind.rawValue
        count += 1
        bounds[count] = UInt32(end)
    }

    struct StaticToken {
        let scalars: [UInt32]
        let wordHash: UInt32

        init(_ text: String) {
            scalars = text.unicodeScalars.map(\.value)
            wordHash = FNV1a.start.byte(0x77).scalars(scalars).value
        }
    }

    private static let urlToken = StaticToken("<url>")
    private static let mentionToken = StaticToken("@user")

    private static func startsURL(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> Bool {
        // "http://" or "https://"; the caller saw the "h".
        let n = s.count
        guard n - i >= 7, s[i + 1] == 0x74, s[i + 2] == 0x74, s[i + 3] == 0x70 else { return false }
        if s[i + 4] == 0x3A { return s[i + 5] == 0x2F && s[i + 6] == 0x2F }
        return n - i >= 8 && s[i + 4] == 0x73 && s[i + 5] == 0x3A && s[i + 6] == 0x2F && s[i + 7] == 0x2F
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
        (0x09...0x0D).contains(c) || c == 0x20 || (c >= 0x80 && isExtraSeparator(c))
    }

    static func isWordScalar(_ c: UInt32) -> Bool {
        if c < 0x40 { return (0x03FF_0080_0000_0000 as UInt64) >> c & 1 == 1 }  // digits and "'"
        if c < 0x80 { return (0x07FF_FFFE_87FF_FFFE as UInt64) >> (c - 0x40) & 1 == 1 }  // letters and "_"
        if isExtraSeparator(c) || isEmoji(c) { return false }
        // Variation selectors and the zero-width joiner belong to the emoji before them.
        return !((0xFE00...0xFE0F).contains(c) || c == 0x200D)
    }
}
