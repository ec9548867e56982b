/// Hashtags, as twitter-text finds them.
///
/// A hashtag is `#` or `＃` and a run of letters, marks, digits and word joiners holding at least
/// one letter or mark ("#1st" is one, "#123" is not). It starts the text or follows anything but
/// such a character or `&` ("&#39;" is an HTML entity); an emoji's variation selector may precede
/// it. The sign must not be an emoji itself (`#️⃣`). It is dropped when followed by another sign or
/// "://".
enum TweetTextHashtagScanner {
    private typealias Class = TweetTextCharacterClass

    static func hashtags(in units: UnsafeBufferPointer<UInt16>) -> [TextEntity] {
        var entities: [TextEntity] = []
        appendHashtags(in: units, to: &entities)
        return entities
    }

    static func appendHashtags(in units: UnsafeBufferPointer<UInt16>, to entities: inout [TextEntity]) {
        var consumed = 0
        var index = 0
        while index < units.count {
            guard Class.isHashSign(units[index]), mayStartHashtag(units, at: index, consumed: consumed),
                let end = bodyEnd(units, from: index + 1)
            else {
                index += 1
                continue
            }
            consumed = end
            let isFollowedBySign = end < units.count && Class.isHashSign(units[end])
            if !isFollowedBySign, !TweetTextMentionScanner.startsWithSchemeSeparator(units, at: end) {
                entities.append(TextEntity(kind: .hashtag, range: index..<end, value: units.tweetTextString(index + 1..<end)))
            }
            index = end
        }
    }

    private static func mayStartHashtag(_ units: UnsafeBufferPointer<UInt16>, at index: Int, consumed: Int) -> Bool {
        guard let previous = TweetTextDecodedScalar(in: units, before: index) else { return index == 0 }
        guard previous.start >= consumed else { return false }
        let value = previous.scalar.value
        return value == 0xFE0E || value == 0xFE0F || (value != 0x26 && !Class.isHashtagCharacter(value))
    }

    /// The end of the hashtag's text after the sign, or nil when it has none or no letter.
    private static func bodyEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int? {
        guard start < units.count, units[start] != 0xFE0F, units[start] != 0x20E3 else { return nil }
        var end = start
        var hasLetter = false
        while let next = TweetTextDecodedScalar(in: units, at: end), Class.isHashtagCharacter(next.scalar.value) {
            if !hasLetter, Class.isHashtagLetter(next.scalar.value) { hasLetter = true }
            end = next.end
        }
        return hasLetter ? end : nil
    }
}
