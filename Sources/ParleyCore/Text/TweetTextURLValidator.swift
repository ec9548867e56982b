/// twitter-text's `isValidUrl`: a URL standing alone, checked part by part against RFC 3986's
/// grammar, with internationalized domains allowed.
///
/// Each part is checked the way the JavaScript implementation checks it: the first match of the
/// part's pattern must be the whole part. For the authority this first match is not always the
/// longest ("192.168.0.10" stops after "192.168.0.1"), and that is kept.
enum TweetTextURLValidator {
    private typealias Class = TweetTextCharacterClass

    static func isValid(_ url: String, requiresProtocol: Bool) -> Bool {
        let units = Array(url.utf16)
        return units.withUnsafeBufferPointer { isValid($0, requiresProtocol: requiresProtocol) }
    }

    private static func isValid(_ units: UnsafeBufferPointer<UInt16>, requiresProtocol: Bool) -> Bool {
        guard !units.isEmpty else { return false }
        // RFC 3986 appendix B: scheme "://", authority, path, "?" query, "#" fragment.
        var index = 0
        var scheme: Range<Int>?
        while index < units.count, !isOneOf(units[index], ":/?#") { index += 1 }
        if index > 0, index + 2 < units.count, units[index] == 0x3A, units[index + 1] == 0x2F, units[index + 2] == 0x2F {
            scheme = 0..<index
            index += 3
        } else {
            index = 0
        }
        let authorityStart = index
        while index < units.count, !isOneOf(units[index], "/?#") { index += 1 }
        let authority = authorityStart..<index
        let pathStart = index
        while index < units.count, !isOneOf(units[index], "?#") { index += 1 }
        let path = pathStart..<index
        var query = index..<index
        if index < units.count, units[index] == 0x3F {
            let queryStart = index + 1
            index = queryStart
            while index < units.count, units[index] != 0x23 { index += 1 }
            query = queryStart..<index
        }
        let fragment = min(index + 1, units.count)..<units.count
        // The fragment is matched by ".", which stops at line terminators.
        if units[fragment].contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x2028 || $0 == 0x2029 }) {
            return false
        }

        if requiresProtocol {
            guard let scheme, isHTTPScheme(units, scheme) else { return false }
        }
        return isPath(units, path) && isQueryOrFragment(units, query) && isQueryOrFragment(units, fragment)
            && authorityMatchEnd(units, authority) == authority.upperBound
    }

    private static func isHTTPScheme(_ units: UnsafeBufferPointer<UInt16>, _ scheme: Range<Int>) -> Bool {
        let lowercase = String(decoding: units[scheme].map { Class.isASCIILetter($0) ? $0 | 0x20 : $0 }, as: UTF16.self)
        return lowercase == "http" || lowercase == "https"
    }

    // MARK: Path, query, fragment

    /// `("/" pchar*)*`
    private static func isPath(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return true }
        guard units[range.lowerBound] == 0x2F else { return false }
        return charactersEnd(units, range) { $0 == 0x2F } == range.upperBound
    }

    /// `(pchar | "/" | "?")*`
    private static func isQueryOrFragment(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
        charactersEnd(units, range) { $0 == 0x2F || $0 == 0x3F } == range.upperBound
    }

    /// Where a run of `pchar`s (and of characters `alsoAllowed` accepts) stops.
    private static func charactersEnd(
        _ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, alsoAllowed: (UInt16) -> Bool
    ) -> Int {
        var index = range.lowerBound
        while index < range.upperBound {
            if let end = percentEncodedEnd(units, at: index, limit: range.upperBound) {
                index = end
            } else if isUnreserved(units[index]) || isSubDelimiter(units[index]) || isOneOf(units[index], ":|@")
                || alsoAllowed(units[index])
            {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    // MARK: Authority

    /// `[userinfo "@"] host [":" port]`, starting at the authority's start: the end of the first
    /// match, or nil.
    private static func authorityMatchEnd(_ units: UnsafeBufferPointer<UInt16>, _ authority: Range<Int>) -> Int? {
        var index = authority.lowerBound
        while index < authority.upperBound {
            if let end = percentEncodedEnd(units, at: index, limit: authority.upperBound) {
                index = end
            } else if isUnreserved(units[index]) || isSubDelimiter(units[index]) || units[index] == 0x3A {
                index += 1
            } else {
                break
            }
        }
        if index < authority.upperBound, units[index] == 0x40,
            let end = hostAndPortEnd(units, from: index + 1, limit: authority.upperBound)
        {
            return end
        }
        return hostAndPortEnd(units, from: authority.lowerBound, limit: authority.upperBound)
    }

    private static func hostAndPortEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int) -> Int? {
        guard let hostEnd = ipv4End(units, from: start, limit: limit) ?? ipv6End(units, from: start, limit: limit)
            ?? domainEnd(units, from: start, limit: limit)
        else { return nil }
        guard hostEnd + 1 < limit, units[hostEnd] == 0x3A, Class.isASCIIDigit(units[hostEnd + 1]) else { return hostEnd }
        var end = hostEnd + 1
        while end < limit, end - hostEnd - 1 < 5, Class.isASCIIDigit(units[end]) { end += 1 }
        return end
    }

    /// Four decimal octets (0 to 255, no leading zero). The last octet takes the first
    /// alternative that matches, a single digit.
    private static func ipv4End(_ units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int) -> Int? {
        var index = start
        for _ in 0..<3 {
            var end = index
            while end < limit, Class.isASCIIDigit(units[end]) { end += 1 }
            guard end < limit, units[end] == 0x2E, isOctet(units, index..<end) else { return nil }
            index = end + 1
        }
        return index < limit && Class.isASCIIDigit(units[index]) ? index + 1 : nil
    }

    private static func isOctet(_ units: UnsafeBufferPointer<UInt16>, _ digits: Range<Int>) -> Bool {
        guard (1...3).contains(digits.count), digits.count == 1 || units[digits.lowerBound] != 0x30 else { return false }
        return digits.reduce(0) { $0 * 10 + Int(units[$1] - 0x30) } <= 255
    }

    /// "[" hexadecimal digits, colons and dots "]".
    private static func ipv6End(_ units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int) -> Int? {
        guard start < limit, units[start] == 0x5B else { return nil }
        var end = start + 1
        while end < limit, isHexDigit(units[end]) || units[end] == 0x3A || units[end] == 0x2E { end += 1 }
        return end > start + 1 && end < limit && units[end] == 0x5D ? end + 1 : nil
    }

    /// Dot-terminated labels (letters, digits, any non-ASCII character; hyphens and underscores
    /// inside, no underscore in the last label) and a TLD starting with a letter. The greedy
    /// repetition makes the rightmost workable label boundary win.
    private static func domainEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int) -> Int? {
        var labels: [(start: Int, dot: Int, hasUnderscore: Bool)] = []
        var index = start
        while index < limit, isDomainLetter(units[index]) {
            var end = index + 1
            var hasUnderscore = false
            while end < limit, isDomainLetter(units[end]) || units[end] == 0x2D || units[end] == 0x5F {
                if units[end] == 0x5F { hasUnderscore = true }
                end += 1
            }
            guard end < limit, units[end] == 0x2E, isDomainLetter(units[end - 1]) else { break }
            labels.append((index, end, hasUnderscore))
            index = end + 1
        }
        for label in labels.reversed() where !label.hasUnderscore {
            if let end = tldEnd(units, from: label.dot + 1, limit: limit) { return end }
        }
        return nil
    }

    private static func tldEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int) -> Int? {
        guard start < limit, Class.isASCIILetter(units[start]) || units[start] >= 0x80 else { return nil }
        var end = start + 1
        var lastLetter = start + 1
        while end < limit, isDomainLetter(units[end]) || units[end] == 0x2D {
            end += 1
            if units[end - 1] != 0x2D { lastLetter = end }
        }
        return lastLetter
    }

    // MARK: Characters

    private static func isDomainLetter(_ u: UInt16) -> Bool { Class.isASCIIAlphanumeric(u) || u >= 0x80 }

    private static func isUnreserved(_ u: UInt16) -> Bool {
        Class.isASCIIAlphanumeric(u) || Class.isCyrillic(u) || isOneOf(u, "-._~")
    }

    private static func isSubDelimiter(_ u: UInt16) -> Bool { isOneOf(u, "!$&'()*+,;=") }

    private static func isHexDigit(_ u: UInt16) -> Bool { Class.isASCIIDigit(u) || (u | 0x20) &- 0x61 < 6 }

    private static func percentEncodedEnd(_ units: UnsafeBufferPointer<UInt16>, at index: Int, limit: Int) -> Int? {
        guard units[index] == 0x25, index + 2 < limit, isHexDigit(units[index + 1]), isHexDigit(units[index + 2])
        else { return nil }
        return index + 3
    }

    private static func isOneOf(_ u: UInt16, _ ascii: StaticString) -> Bool {
        ascii.withUTF8Buffer { $0.contains { UInt16($0) == u } }
    }
}
