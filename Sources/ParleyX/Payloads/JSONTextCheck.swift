import Foundation

/// Checks what Foundation's JSON parser leaves for later: the contents of strings.
///
/// The parser validates structure up front but decodes a string only when it is read, so a bad
/// escape or invalid UTF-8 inside a post's text would surface as a failed read of that one
/// field, which the lenient payload types turn into a missing value: the text would silently
/// become empty. One pass over the bytes first makes such a payload a clear error instead.
enum JSONTextCheck {
    /// Nil when every string is well formed; else what is wrong and at which byte offset.
    static func problem(in bytes: Data) -> String? {
        bytes.withUnsafeBytes { raw in problem(in: raw.bindMemory(to: UInt8.self)) }
    }

    static func problem(in b: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = b.baseAddress else { return nil }
        var i = 0
        var inString = false
        var depth = 0
        let n = b.count
        while i < n {
            if inString {
                // Most of a payload is plain ASCII text inside strings: skip it eight bytes at a
                // time while no byte is a quote, a backslash, a control character or non-ASCII.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if Self.needsAttention(word) { break }
                    i += 8
                }
                if i >= n { break }
            }
            let byte = b[i]
            if !inString {
                switch byte {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D: depth -= 1
                default: break
                }
                i += 1
                continue
            }
            if byte == 0x22 {
                inString = false
                i += 1
            } else if byte == 0x5C {
                guard let next = escapeEnd(b, i) else { return "invalid escape in a string at byte \(i)" }
                i = next
            } else if byte < 0x20 {
                return "unescaped control character in a string at byte \(i)"
            } else if byte < 0x80 {
                i += 1
            } else {
                guard let length = utf8SequenceLength(b, i) else { return "invalid UTF-8 at byte \(i)" }
                i += length
            }
        }
        if inString { return "ends inside a string (truncated?)" }
        if depth > 0 { return "ends with \(depth) unclosed object(s) or array(s) (truncated?)" }
        return nil
    }

    /// Whether any of the eight bytes is `"`, `\`, below 0x20 or above 0x7F (exact, by the
    /// classic "has a zero byte" bit trick applied to `word ^ c` and `word - 0x20`).
    @inline(__always)
    private static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        return (word | control | hasQuote | hasBackslash) & highs != 0
    }

    /// The index after a valid escape starting at `i` (a backslash), or nil. A `\u` escape of a
    /// UTF-16 high surrogate must be followed by one of a low surrogate, and a low one never
    /// stands alone: Foundation rejects unpaired surrogates.
    private static func escapeEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i + 1 < b.count else { return nil }
        switch b[i + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:  // " \ / b f n r t
            return i + 2
        case 0x75:  // u
            guard let unit = hex4(b, i + 2) else { return nil }
            switch unit {
            case 0xD800...0xDBFF:
                guard i + 12 <= b.count, b[i + 6] == 0x5C, b[i + 7] == 0x75, let low = hex4(b, i + 8),
                    (0xDC00...0xDFFF).contains(low)
                else { return nil }
                return i + 12
            case 0xDC00...0xDFFF:
                return nil
            default:
                return i + 6
            }
        default:
            return nil
        }
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt16? {
        guard start + 4 <= b.count else { return nil }
        var value: UInt16 = 0
        for k in start..<start + 4 {
            let c = b[k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x41 + 10
            case 0x61...0x66: digit = c - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or nil.
    private static func utf8SequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let lead = b[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard i + length <= b.count, secondRange.contains(b[i + 1]) else { return nil }
        for k in i + 2..<i + length where !(0x80...0xBF).contains(b[k]) { return nil }
        return length
    }
}
