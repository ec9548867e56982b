/// Finds the top-level domain that twitter-text's URL pattern accepts at a position.
///
/// The pattern is an alternation of every known TLD (ASCII letters in any case) followed by the
/// look-ahead `[^a-z0-9@+-]` or the end of the text. For an ASCII TLD that look-ahead leaves one
/// candidate: the whole run of letters. Internationalized TLDs may be followed by more letters of
/// their script ("みんなです"), so every listed TLD that prefixes the text is a candidate and the
/// one listed first wins, generic before country, as in the alternation.
enum TweetTextTLDMatcher {
    /// Up to 24 lowercase ASCII letters, five bits each; the longest ASCII TLD has 18.
    private struct ASCIIKey: Hashable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init?(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) {
            guard range.count <= 24 else { return nil }
            for (offset, index) in range.enumerated() {
                let letter = UInt64((units[index] | 0x20) - 0x60)  // a = 1 ... z = 26
                if offset < 12 {
                    low |= letter << (5 * UInt64(offset))
                } else {
                    high |= letter << (5 * UInt64(offset - 12))
                }
            }
        }
    }

    private struct InternationalTLD: Sendable {
        var units: [UInt16]
        var priority: Int
    }

    /// The lists, indexed once.
    private struct Tables: Sendable {
        /// ASCII TLDs and their rank in the alternation.
        var ascii: [ASCIIKey: Int] = [:]
        /// The others, by first code unit (lowercase for "vermögensberater").
        var international: [UInt16: [InternationalTLD]] = [:]

        init() {
            for (priority, tld) in (TweetTextTLDs.generic + TweetTextTLDs.country).enumerated() {
                let units = Array(tld.utf16)
                if units.allSatisfy({ $0 < 0x80 }) {
                    units.withUnsafeBufferPointer { buffer in
                        if let key = ASCIIKey(buffer, 0..<buffer.count) { ascii[key] = priority }
                    }
                } else {
                    international[units[0], default: []].append(InternationalTLD(units: units, priority: priority))
                }
            }
        }
    }

    private static let tables = Tables()

    /// The end of the TLD (generic or country) starting at `start`, or nil.
    static func tldEnd(in units: UnsafeBufferPointer<UInt16>, at start: Int) -> Int? {
        guard start < units.count else { return nil }
        var first = units[start]
        var best: (end: Int, priority: Int)?
        if TweetTextCharacterClass.isASCIILetter(first) {
            first |= 0x20
            var end = start + 1
            while end < units.count, TweetTextCharacterClass.isASCIILetter(units[end]) { end += 1 }
            if Self.mayEndTLD(units, at: end), let key = ASCIIKey(units, start..<end), let priority = tables.ascii[key] {
                best = (end, priority)
            }
        }
        for candidate in tables.international[first] ?? [] {
            if let best, best.priority < candidate.priority { continue }
            let end = start + candidate.units.count
            guard end <= units.count, Self.mayEndTLD(units, at: end) else { continue }
            var matches = true
            for (offset, unit) in candidate.units.enumerated() {
                let u = units[start + offset]
                if (TweetTextCharacterClass.isASCIILetter(u) ? u | 0x20 : u) != unit {
                    matches = false
                    break
                }
            }
            if matches { best = (end, candidate.priority) }
        }
        return best?.end
    }

    /// The look-ahead after a TLD: the end of the text or anything but `[a-z0-9@+-]`.
    private static func mayEndTLD(_ units: UnsafeBufferPointer<UInt16>, at index: Int) -> Bool {
        guard index < units.count else { return true }
        let u = units[index]
        return !(TweetTextCharacterClass.isASCIIAlphanumeric(u) || u == 0x40 || u == 0x2B || u == 0x2D)
    }
}
