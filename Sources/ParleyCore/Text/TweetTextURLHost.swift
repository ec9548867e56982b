import Foundation

/// The host and length checks twitter-text applies after its URL pattern matched (Java
/// `Extractor.isValidHostAndLength`): the host must convert to ASCII (IDNA 2003 `ToASCII`), with
/// every label 1 to 63 characters, and the URL, with that host and with "https://" added when it
/// has no protocol, must not exceed 4,096 characters.
enum TweetTextURLHost {
    static let maxURLLength = 4096
    private static let maxLabelLength = 63
    private static let defaultProtocolLength = "https://".utf8.count

    static func isValid(
        _ units: UnsafeBufferPointer<UInt16>, host: Range<Int>, urlLength: Int, hasProtocol: Bool
    ) -> Bool {
        guard let asciiLength = asciiLength(units, host) else { return false }
        let length = urlLength - host.count + asciiLength + (hasProtocol ? 0 : defaultProtocolLength)
        return length <= maxURLLength
    }

    /// The length of the host once converted to ASCII, or nil when it cannot be.
    private static func asciiLength(_ units: UnsafeBufferPointer<UInt16>, _ host: Range<Int>) -> Int? {
        var total = 0
        var labelStart = host.lowerBound
        var isASCII = true
        for index in host.lowerBound...host.upperBound {
            guard index == host.upperBound || isLabelSeparator(units[index]) else {
                if units[index] >= 0x80 { isASCII = false }
                continue
            }
            let label = labelStart..<index
            guard let length = isASCII ? label.count : encodedLength(units, label),
                (1...maxLabelLength).contains(length)
            else { return nil }
            total += length + (index == host.upperBound ? 0 : 1)
            labelStart = index + 1
            isASCII = true
        }
        return total
    }

    /// ToASCII splits labels at the full stops of several scripts, not only ".".
    private static func isLabelSeparator(_ u: UInt16) -> Bool {
        u == 0x2E || u == 0x3002 || u == 0xFF0E || u == 0xFF61
    }

    /// "xn--" and the Punycode of the label after nameprep, or nil when ToASCII would refuse it.
    ///
    /// Nameprep is approximated by lowercasing and NFKC, which is what it does to the letters
    /// found in real domains; its tables of prohibited characters are not applied.
    private static func encodedLength(_ units: UnsafeBufferPointer<UInt16>, _ label: Range<Int>) -> Int? {
        let prefix: [UInt16] = [0x78, 0x6E, 0x2D, 0x2D]  // "xn--"
        let hasACEPrefix = label.count >= 4 && (0..<4).allSatisfy { offset in
            let u = units[label.lowerBound + offset]
            return (TweetTextCharacterClass.isASCIILetter(u) ? u | 0x20 : u) == prefix[offset]
        }
        if hasACEPrefix { return nil }  // an ACE prefix on a label that is not ASCII
        let text = String(decoding: UnsafeBufferPointer(rebasing: units[label]), as: UTF16.self)
        let mapped = text.lowercased().precomposedStringWithCompatibilityMapping
        let scalars = mapped.unicodeScalars.map(\.value)
        if scalars.allSatisfy({ $0 < 0x80 }) { return scalars.count }
        let limit = maxLabelLength - prefix.count
        return TweetTextPunycode.encode(scalars, limit: limit).map { $0.count + prefix.count }
    }
}
