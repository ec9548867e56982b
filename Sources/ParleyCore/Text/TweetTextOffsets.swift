/// Converts the code point offsets X's API gives entities (v1.1 `indices`, v2 `start` and `end`)
/// into the UTF-16 offsets Parley's text API uses.
public enum TweetTextOffsets {
    /// Each range in UTF-16 offsets, or nil when it does not fit in the text.
    public static func utf16Ranges(fromScalarRanges ranges: [Range<Int>], in text: String) -> [Range<Int>?] {
        var offsets = [0]
        offsets.reserveCapacity(text.unicodeScalars.count + 1)
        for scalar in text.unicodeScalars {
            offsets.append(offsets[offsets.count - 1] + scalar.utf16.count)
        }
        return ranges.map { range in
            guard range.lowerBound >= 0, range.upperBound < offsets.count else { return nil }
            return offsets[range.lowerBound]..<offsets[range.upperBound]
        }
    }
}
