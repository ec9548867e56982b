/// How X weighs the characters of a post, as twitter-text's configuration files define it.
///
/// The three published versions are embedded (`config/v1.json`, `v2.json` and `v3.json` of
/// twitter-text 3.1.0); the library reads no file. v3 is what X applies today.
public struct TweetTextConfiguration: Sendable, Hashable {
    /// Code points from `lower` through `upper` weigh `weight` (in `scale` units).
    public struct WeightedRange: Sendable, Hashable {
        public var lower: UInt32
        public var upper: UInt32
        public var weight: Int

        public init(lower: UInt32, upper: UInt32, weight: Int) {
            self.lower = lower
            self.upper = upper
            self.weight = weight
        }
    }

    public var version: Int
    /// The limit, in weighted characters.
    public var maxWeightedLength: Int
    /// Weights are integers in units of 1/`scale` character.
    public var scale: Int
    /// The weight of a code point outside every range, and of an emoji sequence.
    public var defaultWeight: Int
    /// What any URL weighs, in characters: X rewrites every link to a t.co link of this length.
    public var transformedURLLength: Int
    /// Whether an emoji sequence (skin tone, ZWJ family, flag, keycap) weighs as one character.
    public var emojiParsingEnabled: Bool
    /// Checked in order; the first range holding a code point gives its weight.
    public var ranges: [WeightedRange]

    public init(
        version: Int, maxWeightedLength: Int, scale: Int, defaultWeight: Int,
        transformedURLLength: Int, emojiParsingEnabled: Bool, ranges: [WeightedRange]
    ) {
        self.version = version
        self.maxWeightedLength = maxWeightedLength
        self.scale = scale
        self.defaultWeight = defaultWeight
        self.transformedURLLength = transformedURLLength
        self.emojiParsingEnabled = emojiParsingEnabled
        self.ranges = ranges
    }

    /// 140 code points, every code point weighing 1 (before November 2017).
    public static let v1 = TweetTextConfiguration(
        version: 1, maxWeightedLength: 140, scale: 1, defaultWeight: 1,
        transformedURLLength: 23, emojiParsingEnabled: false, ranges: []
    )

    /// 280 weighted characters: Latin to Georgian and common punctuation weigh 1, the rest 2.
    public static let v2 = TweetTextConfiguration(
        version: 2, maxWeightedLength: 280, scale: 100, defaultWeight: 200,
        transformedURLLength: 23, emojiParsingEnabled: false, ranges: lightRanges
    )

    /// v2 plus emoji sequences weighing 2 however many code points they hold.
    public static let v3 = TweetTextConfiguration(
        version: 3, maxWeightedLength: 280, scale: 100, defaultWeight: 200,
        transformedURLLength: 23, emojiParsingEnabled: true, ranges: lightRanges
    )

    /// The configuration X applies today.
    public static let `default` = v3

    /// The configuration of a published version (1, 2 or 3).
    public static func version(_ number: Int) -> TweetTextConfiguration? {
        switch number {
        case 1: v1
        case 2: v2
        case 3: v3
        default: nil
        }
    }

    /// U+0000–U+10FF (Basic Latin to Georgian) and the spaces, hyphens and quotes of General
    /// Punctuation, each weighing one character.
    private static let lightRanges = [
        WeightedRange(lower: 0x0000, upper: 0x10FF, weight: 100),
        WeightedRange(lower: 0x2000, upper: 0x200D, weight: 100),
        WeightedRange(lower: 0x2010, upper: 0x201F, weight: 100),
        WeightedRange(lower: 0x2032, upper: 0x2037, weight: 100),
    ]

    /// The weight of one code point outside any URL or emoji sequence.
    func weight(of scalar: UInt32) -> Int {
        for range in ranges where range.lower <= scalar && scalar <= range.upper {
            return range.weight
        }
        return defaultWeight
    }
}
