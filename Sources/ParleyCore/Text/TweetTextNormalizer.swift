import Foundation

/// NFC, as X applies it before counting.
///
/// Most posts are already NFC, and proving it costs one pass over the code units: below U+0300
/// nothing ever changes, and above, a table lists the scalars that cannot change whatever
/// surrounds them. Only a text holding another scalar (a combining mark, a compatibility
/// ideograph, a Hangul jamo, ...) goes through Foundation's normalization.
enum TweetTextNormalizer {
    /// The UTF-16 code units of the NFC form of `text`.
    static func nfcUnits(of text: String) -> [UInt16] {
        if let ascii = asciiUnits(of: text) { return ascii }
        let units = Array(text.utf16)
        let isNFC = units.withUnsafeBufferPointer { isStable($0) }
        return isNFC ? units : Array(text.precomposedStringWithCanonicalMapping.utf16)
    }

    /// The UTF-16 code units of `text` as it is.
    static func units(of text: String) -> [UInt16] {
        asciiUnits(of: text) ?? Array(text.utf16)
    }

    /// An ASCII text's code units, widened from its UTF-8 storage, which is faster than
    /// transcoding; nil for any other text. ASCII is NFC.
    private static func asciiUnits(of text: String) -> [UInt16]? {
        var text = text
        return text.withUTF8 { bytes -> [UInt16]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                for index in bytes.indices { buffer[index] = UInt16(bytes[index]) }
                count = bytes.count
            }
        }
    }

    /// The NFC form of `text`.
    static func nfc(_ text: String) -> String {
        let isNFC = Array(text.utf16).withUnsafeBufferPointer { isStable($0) }
        return isNFC ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether every scalar of the text is NFC-stable, which makes the text NFC.
    static func isStable(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        var index = 0
        while index < units.count {
            let u = units[index]
            if u < 0x300 {
                index += 1
                continue
            }
            guard let decoded = TweetTextDecodedScalar(in: units, at: index),
                isStable(decoded.scalar.value)
            else { return false }
            index = decoded.end
        }
        return true
    }

    static func isStable(_ scalar: UInt32) -> Bool {
        if scalar < 0x300 { return true }
        let ranges = TweetTextNFCStableScalars.ranges
        var low = 0
        var high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if scalar < ranges[2 * middle] {
                high = middle
            } else if scalar > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
