/// Weighs the characters of an NFC text under a configuration, one item at a time: a URL, an
/// emoji sequence or a code point. The parser and the thread splitter share it.
struct TweetTextWeigher {
    struct Item {
        /// The index after the item's code units.
        var end: Int
        /// In the configuration's scale.
        var weight: Int
        var isInvalid: Bool
        /// White space and control characters: a post made only of them is blank.
        var isBlank: Bool
    }

    let configuration: TweetTextConfiguration
    let urlWeight: Int
    let maxWeight: Int
    /// Code points up to `commonUpper` weigh `commonWeight`: the first range when it starts at
    /// U+0000 (Latin, in every published configuration), everything when there is no range.
    private let commonUpper: UInt32
    private let commonWeight: Int

    init(_ configuration: TweetTextConfiguration) {
        self.configuration = configuration
        urlWeight = configuration.transformedURLLength * configuration.scale
        maxWeight = configuration.maxWeightedLength * configuration.scale
        if let first = configuration.ranges.first, first.lower == 0 {
            commonUpper = first.upper
            commonWeight = first.weight
        } else if configuration.ranges.isEmpty {
            commonUpper = UInt32.max
            commonWeight = configuration.defaultWeight
        } else {
            commonUpper = 0
            commonWeight = configuration.weight(of: 0)
        }
    }

    /// The weight of every ASCII character, when they all weigh the same (in every published
    /// configuration); 0 when they do not, which turns the ASCII fast path off.
    var asciiWeight: Int { commonUpper >= 0x7F ? commonWeight : 0 }

    /// The end of the run of ASCII characters from `start` (before `limit`) that are weighed one
    /// by one with `asciiWeight`: a digit, `#` or `*` followed by a non-ASCII unit may start a
    /// keycap emoji, and ends the run.
    func asciiRunEnd(in units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int) -> Int {
        guard asciiWeight > 0 else { return start }
        var end = start
        while end < limit, units[end] < 0x80 { end += 1 }
        if end > start, end < units.count, configuration.emojiParsingEnabled, TweetTextEmojiScanner.mayStart(units[end - 1]) {
            end -= 1
        }
        return end
    }

    /// The emoji sequence or code point starting at `index` (not a URL: the caller checks first).
    func item(in units: UnsafeBufferPointer<UInt16>, at index: Int) -> Item {
        let u = units[index]
        if configuration.emojiParsingEnabled, TweetTextEmojiScanner.mayStart(u),
            let end = TweetTextEmojiScanner.sequenceEnd(in: units, at: index)
        {
            return Item(end: end, weight: configuration.defaultWeight, isInvalid: false, isBlank: false)
        }
        var value = UInt32(u)
        var end = index + 1
        if TweetTextCharacterClass.isHighSurrogate(u), let decoded = TweetTextDecodedScalar(in: units, at: index) {
            value = decoded.scalar.value
            end = decoded.end
        }
        let weight = value <= commonUpper ? commonWeight : configuration.weight(of: value)
        return Item(
            end: end, weight: weight, isInvalid: TweetTextCharacterClass.isInvalid(u),
            isBlank: u <= 0x20 || TweetTextCharacterClass.isSpace(u))
    }
}
