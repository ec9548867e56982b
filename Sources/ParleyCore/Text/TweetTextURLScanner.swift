/// twitter-text's URL extraction, written as a scanner over UTF-16 code units.
///
/// It reproduces what the Java `Extractor.extractURLsWithIndices` finds with its `VALID_URL`
/// pattern, match by match, including where each search resumes, so that the same URLs come out:
///
/// 1. A URL starts at the beginning of the text or after a character that is not a letter, a
///    digit, `@ ＠ $ # ＃` or an invalid character.
/// 2. An optional `http://` or `https://`, then a domain: dot-terminated labels of ASCII letters,
///    digits and accented Latin letters (hyphens and underscores inside; none in the label before
///    the TLD), then a known TLD (or Punycode `xn--…`). The pattern's greedy repetition means the
///    rightmost label boundary followed by a TLD wins. Right after a protocol, a single label of
///    any script may stand before the TLD instead ("http://例え.jp").
/// 3. An optional port, a path (balanced parentheses allowed two deep; it ends on a letter, digit
///    or one of `= _ # / - +`) and a query (ending on a letter, digit or one of `- _ & = # /`).
///
/// A match is then dropped, but still consumed, when it has no protocol and follows one of
/// `- _ . /`, when it is a t.co link whose slug is over 40 characters (a t.co link otherwise stops
/// after its slug and query), or when its host cannot be converted to ASCII.
///
/// The scanner runs in linear time: while it walks through a long run of labels it remembers what
/// it learnt from the scan that began the run, so that no label is scanned twice.
struct TweetTextURLScanner {
    private typealias Class = TweetTextCharacterClass

    private struct Candidate {
        var range: Range<Int>
        var host: Range<Int>
        var hasProtocol: Bool
        var preceding: UInt16?
    }

    /// What a full scan of dot-separated labels from `start` established: labels end at
    /// `labelsEnd` and the characters allowed in labels at `runEnd`. A later start inside that
    /// run can only succeed through the boundary after its own first label; every later boundary
    /// already failed (or lies before the previous match's end).
    private struct LabelRun {
        var start = -1
        var labelsEnd = -1
        var runEnd = -1
        /// The label of the last start looked up inside the run: its dot, the last underscore
        /// seen from that start, and the TLD found after the dot once it was looked for.
        var labelDot = -1
        var lastUnderscore = -1
        var tldEnd: Int?
        var tldLookedUp = false
    }

    private let units: UnsafeBufferPointer<UInt16>
    private let extractsURLsWithoutProtocol: Bool
    /// Where the search resumes: the end of the last match, as the pattern's matches never
    /// overlap.
    private var position = 0
    /// Where to look for the next dot.
    private var dotSearch = 0
    private var labelRun = LabelRun()

    init(units: UnsafeBufferPointer<UInt16>, extractsURLsWithoutProtocol: Bool) {
        self.units = units
        self.extractsURLsWithoutProtocol = extractsURLsWithoutProtocol
    }

    /// The next URL, left to right, as UTF-16 offsets, end exclusive.
    mutating func next() -> Range<Int>? {
        while let candidate = nextCandidate() {
            if let match = accept(candidate) { return match }
        }
        return nil
    }

    // MARK: Finding candidates

    /// The next match of the pattern. The pattern would be tried at every position; but a domain
    /// holds a dot, and what precedes its first dot is a protocol and one label, so only the
    /// positions in the run of such characters before each dot can start a match. Trying them
    /// in order finds the same matches.
    private mutating func nextCandidate() -> Candidate? {
        while true {
            var dot = max(position, dotSearch)
            while dot < units.count, units[dot] != 0x2E { dot += 1 }
            guard dot < units.count else {
                position = units.count
                return nil
            }
            dotSearch = dot + 1
            var runStart = dot
            while runStart > position, mayPrecedeDot(units[runStart - 1]) { runStart -= 1 }
            if runStart - position >= 7, hasPrefix("://", at: runStart - 3) {
                if runStart - position >= 8, hasPrefix("https", at: runStart - 8) {
                    runStart -= 8
                } else if hasPrefix("http", at: runStart - 7) {
                    runStart -= 7
                }
            }
            var start = max(position, runStart - 1)
            while start < dot {
                let length = Class.isHighSurrogate(units[start]) && start + 1 < units.count
                    && Class.isLowSurrogate(units[start + 1]) ? 2 : 1
                if mayPrecedeURL(units[start]),
                    let candidate = match(at: start + length, preceding: length == 1 ? units[start] : nil)
                {
                    position = candidate.range.upperBound
                    return candidate
                }
                if start == 0, let candidate = match(at: 0, preceding: nil) {
                    position = candidate.range.upperBound
                    return candidate
                }
                start += length
            }
        }
    }

    /// A character of a domain label, of any script.
    private func mayPrecedeDot(_ u: UInt16) -> Bool {
        Class.isUnicodeDomainCharacter(u) || u == 0x2D || u == 0x5F
    }

    private func mayPrecedeURL(_ u: UInt16) -> Bool {
        !(Class.isASCIIAlphanumeric(u) || u == 0x40 || u == 0x24 || u == 0x23 || u == 0xFF20
            || u == 0xFF03 || Class.isInvalid(u))
    }

    private mutating func match(at start: Int, preceding: UInt16?) -> Candidate? {
        guard start < units.count else { return nil }
        var host: Range<Int>?
        var hasProtocol = false
        if let domainStart = protocolEnd(at: start), let end = domainEnd(at: domainStart, afterProtocol: true) {
            host = domainStart..<end
            hasProtocol = true
        } else if let end = domainEnd(at: start, afterProtocol: followsProtocol(start)) {
            host = start..<end
        }
        guard let host else { return nil }
        var end = host.upperBound
        if end + 1 < units.count, units[end] == 0x3A, Class.isASCIIDigit(units[end + 1]) {
            end += 2
            while end < units.count, Class.isASCIIDigit(units[end]) { end += 1 }
        }
        if end < units.count, units[end] == 0x2F {
            end = pathEnd(from: end + 1)
        }
        if end < units.count, units[end] == 0x3F, let queryEnd = queryEnd(from: end + 1, limit: units.count) {
            end = queryEnd
        }
        return Candidate(range: start..<end, host: host, hasProtocol: hasProtocol, preceding: preceding)
    }

    /// The end of "http://" or "https://" (any case) at `start`.
    private func protocolEnd(at start: Int) -> Int? {
        guard units[start] | 0x20 == 0x68 else { return nil }
        if hasPrefix("http://", at: start) { return start + 7 }
        if hasPrefix("https://", at: start) { return start + 8 }
        return nil
    }

    /// Whether the text right before `index` is a protocol: the pattern's look-behind, which holds
    /// even when the protocol was not part of the match.
    private func followsProtocol(_ index: Int) -> Bool {
        guard index >= 7, units[index - 1] == 0x2F else { return false }
        return hasPrefix("http://", at: index - 7) || (index >= 8 && hasPrefix("https://", at: index - 8))
    }

    /// Whether `lowercase` (ASCII) starts at `start`, ignoring the case of letters.
    private func hasPrefix(_ lowercase: StaticString, at start: Int) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard start + count <= units.count else { return false }
        let bytes = lowercase.utf8Start
        for offset in 0..<count {
            let u = units[start + offset]
            if (Class.isASCIILetter(u) ? u | 0x20 : u) != UInt16(bytes[offset]) { return false }
        }
        return true
    }

    // MARK: Domains

    private mutating func domainEnd(at start: Int, afterProtocol: Bool) -> Int? {
        guard start < units.count else { return nil }
        if let end = asciiDomainEnd(at: start) { return end }
        return afterProtocol ? unicodeDomainEnd(at: start) : nil
    }

    /// Labels of ASCII and accented Latin letters, then a TLD after the rightmost label that has
    /// no underscore and is followed by one.
    private mutating func asciiDomainEnd(at start: Int) -> Int? {
        guard Class.isDomainCharacter(units[start]) else { return nil }
        if start > labelRun.start, start < labelRun.runEnd {
            return domainEndInsideRun(at: start)
        }
        var next = start
        var labelCount = 0
        var runEnd = start
        while true {
            guard next < units.count, Class.isDomainCharacter(units[next]) else {
                runEnd = next
                break
            }
            var end = next + 1
            while end < units.count, isLabelCharacter(units[end]) { end += 1 }
            guard end < units.count, units[end] == 0x2E, Class.isDomainCharacter(units[end - 1]) else {
                runEnd = end
                break
            }
            labelCount += 1
            next = end + 1
        }
        labelRun = LabelRun(start: start, labelsEnd: next, runEnd: runEnd)

        var dot = next - 1
        for _ in 0..<labelCount {
            var index = dot - 1
            var hasUnderscore = false
            while index >= start, units[index] != 0x2E {
                if units[index] == 0x5F { hasUnderscore = true }
                index -= 1
            }
            if !hasUnderscore, let end = tldOrPunycodeEnd(at: dot + 1) { return end }
            dot = index
        }
        return nil
    }

    /// A start inside the run of a previous full scan: only its own first label can stand
    /// before the TLD.
    private mutating func domainEndInsideRun(at start: Int) -> Int? {
        guard start < labelRun.labelsEnd else { return nil }
        if start > labelRun.labelDot {
            var index = start
            var lastUnderscore = -1
            while units[index] != 0x2E {
                if units[index] == 0x5F { lastUnderscore = index }
                index += 1
            }
            labelRun.labelDot = index
            labelRun.lastUnderscore = lastUnderscore
            labelRun.tldLookedUp = false
        }
        guard labelRun.lastUnderscore < start else { return nil }
        if !labelRun.tldLookedUp {
            labelRun.tldEnd = tldOrPunycodeEnd(at: labelRun.labelDot + 1)
            labelRun.tldLookedUp = true
        }
        return labelRun.tldEnd
    }

    private func isLabelCharacter(_ u: UInt16) -> Bool {
        Class.isDomainCharacter(u) || u == 0x2D || u == 0x5F
    }

    private func tldOrPunycodeEnd(at start: Int) -> Int? {
        if let end = TweetTextTLDMatcher.tldEnd(in: units, at: start) { return end }
        guard hasPrefix("xn--", at: start) else { return nil }
        var end = start + 4
        while end < units.count, Class.isASCIIAlphanumeric(units[end]) || units[end] == 0x2D { end += 1 }
        return end > start + 4 ? end : nil
    }

    /// Right after a protocol: one label of any script, then a known TLD.
    private func unicodeDomainEnd(at start: Int) -> Int? {
        guard Class.isUnicodeDomainCharacter(units[start]) else { return nil }
        var end = start + 1
        while end < units.count, Class.isUnicodeDomainCharacter(units[end]) || units[end] == 0x2D { end += 1 }
        guard end < units.count, units[end] == 0x2E, units[end - 1] != 0x2D else { return nil }
        return TweetTextTLDMatcher.tldEnd(in: units, at: end + 1)
    }

    // MARK: Path and query

    /// The path ends after its last ending character or balanced parentheses.
    private func pathEnd(from start: Int) -> Int {
        var index = start
        var end = start
        while index < units.count {
            let u = units[index]
            if Class.isPathCharacter(u) {
                index += 1
                if Class.isPathEndingCharacter(u) { end = index }
            } else if u == 0x28, let close = balancedParenthesesEnd(at: index) {
                index = close
                end = close
            } else {
                break
            }
        }
        return end
    }

    /// "(" path characters ")", or one nested level: "(" chars "(" chars ")" chars ")".
    private func balancedParenthesesEnd(at open: Int) -> Int? {
        let first = pathCharactersEnd(from: open + 1)
        guard first < units.count else { return nil }
        if units[first] == 0x29, first > open + 1 { return first + 1 }
        guard units[first] == 0x28 else { return nil }
        let inner = pathCharactersEnd(from: first + 1)
        guard inner > first + 1, inner < units.count, units[inner] == 0x29 else { return nil }
        let last = pathCharactersEnd(from: inner + 1)
        guard last < units.count, units[last] == 0x29 else { return nil }
        return last + 1
    }

    private func pathCharactersEnd(from start: Int) -> Int {
        var index = start
        while index < units.count, Class.isPathCharacter(units[index]) { index += 1 }
        return index
    }

    /// The query ends on its last ending character; without one there is no query.
    private func queryEnd(from start: Int, limit: Int) -> Int? {
        var index = start
        var end: Int?
        while index < limit, Class.isQueryCharacter(units[index]) {
            index += 1
            if Class.isQueryEndingCharacter(units[index - 1]) { end = index }
        }
        return end
    }

    // MARK: Accepting

    private static let maxTcoSlugLength = 40

    private func accept(_ candidate: Candidate) -> Range<Int>? {
        var end = candidate.range.upperBound
        if candidate.hasProtocol {
            switch tcoCheck(candidate) {
            case .notTco: break
            case .slugTooLong: return nil
            case let .link(linkEnd): end = linkEnd
            }
        } else {
            guard extractsURLsWithoutProtocol else { return nil }
            switch candidate.preceding {
            case 0x2D, 0x5F, 0x2E, 0x2F: return nil  // - _ . /
            default: break
            }
        }
        let range = candidate.range.lowerBound..<end
        guard TweetTextURLHost.isValid(
            units, host: candidate.host, urlLength: range.count, hasProtocol: candidate.hasProtocol)
        else { return nil }
        return range
    }

    private enum TcoCheck {
        case notTco
        case slugTooLong
        /// A t.co link ends after its slug and query: what follows is not part of it.
        case link(end: Int)
    }

    private func tcoCheck(_ candidate: Candidate) -> TcoCheck {
        let domainStart = candidate.host.lowerBound
        guard hasPrefix("t.co/", at: domainStart) else { return .notTco }
        let slugStart = domainStart + 5
        var slugEnd = slugStart
        while slugEnd < candidate.range.upperBound, Class.isASCIIAlphanumeric(units[slugEnd]) { slugEnd += 1 }
        guard slugEnd > slugStart else { return .notTco }
        guard slugEnd - slugStart <= Self.maxTcoSlugLength else { return .slugTooLong }
        if slugEnd < candidate.range.upperBound, units[slugEnd] == 0x3F,
            let end = queryEnd(from: slugEnd + 1, limit: candidate.range.upperBound)
        {
            return .link(end: end)
        }
        return .link(end: slugEnd)
    }
}
