/// How a text measures against X's limit.
public struct TweetTextParseResult: Sendable, Hashable {
    /// The length X counts, in weighted characters.
    public var weightedLength: Int
    /// Whether X accepts the text as a post: not blank, within the limit, no invalid character.
    public var isValid: Bool
    /// The weighted length in thousandths of the limit (1000 = exactly full).
    public var permillage: Int
    /// The leading part of the text that fits the limit and holds no invalid character, as UTF-16
    /// offsets, end exclusive: what a composer shows normally, the rest being the overflow.
    public var validRange: Range<Int>
    /// The whole text, as UTF-16 offsets.
    public var displayRange: Range<Int>

    public init(weightedLength: Int, isValid: Bool, permillage: Int, validRange: Range<Int>, displayRange: Range<Int>) {
        self.weightedLength = weightedLength
        self.isValid = isValid
        self.permillage = permillage
        self.validRange = validRange
        self.displayRange = displayRange
    }
}
