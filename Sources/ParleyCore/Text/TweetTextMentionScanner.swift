/// Mentions, lists and the reply mention, as twitter-text finds them.
///
/// A mention is `@` or `＠` and 1 to 20 letters, digits or underscores, optionally followed by a
/// list, "/" and 1 to 25 characters starting with a letter. It starts the text or follows anything
/// but a letter, digit or one of `_ ! # $ % & * @ ＠`, except that "RT" right before it is allowed
/// (a retweet written "RT@user"). It is dropped when followed by `@`, an accented Latin letter or
/// "://" (an email address, "@user@host", "@http://...").
enum TweetTextMentionScanner {
    private typealias Class = TweetTextCharacterClass

    private static let maxScreenNameLength = 20
    private static let maxListSlugLength = 25

    static func mentionsOrLists(in units: UnsafeBufferPointer<UInt16>) -> [TextEntity] {
        var entities: [TextEntity] = []
        appendMentionsOrLists(in: units, to: &entities)
        return entities
    }

    static func appendMentionsOrLists(in units: UnsafeBufferPointer<UInt16>, to entities: inout [TextEntity]) {
        var consumed = 0
        var index = 0
        while index < units.count {
            guard Class.isAtSign(units[index]), mayStartMention(units, at: index, consumed: consumed) else {
                index += 1
                continue
            }
            let nameEnd = screenNameEnd(units, from: index + 1)
            guard nameEnd > index + 1 else {
                index += 1
                continue
            }
            var end = nameEnd
            var listSlug: String?
            if end + 1 < units.count, units[end] == 0x2F, Class.isASCIILetter(units[end + 1]) {
                var slugEnd = end + 2
                while slugEnd < units.count, slugEnd - end - 1 < maxListSlugLength,
                    isListCharacter(units[slugEnd])
                {
                    slugEnd += 1
                }
                listSlug = units.tweetTextString(end..<slugEnd)
                end = slugEnd
            }
            consumed = end
            if !isInvalidMentionEnd(units, at: end) {
                entities.append(TextEntity(
                    kind: .mention, range: index..<end, value: units.tweetTextString(index + 1..<nameEnd),
                    listSlug: listSlug))
            }
            index = end
        }
    }

    /// The screen name a reply starts with: only spaces and directional marks may precede it.
    static func replyScreenName(in units: UnsafeBufferPointer<UInt16>) -> String? {
        var index = 0
        while index < units.count, Class.isSpace(units[index]) || Class.isDirectionalMarker(units[index]) {
            index += 1
        }
        guard index < units.count, Class.isAtSign(units[index]) else { return nil }
        let nameEnd = screenNameEnd(units, from: index + 1)
        guard nameEnd > index + 1, !isInvalidMentionEnd(units, at: nameEnd) else { return nil }
        return units.tweetTextString(index + 1..<nameEnd)
    }

    /// Whether what precedes the `@` at `at`, from `consumed` on (matches do not overlap), allows
    /// a mention.
    private static func mayStartMention(_ units: UnsafeBufferPointer<UInt16>, at: Int, consumed: Int) -> Bool {
        if at == 0 { return true }
        if at - 1 >= consumed, !isWordBeforeMention(units[at - 1]) { return true }
        guard at >= 2, at - 2 >= consumed, units[at - 2] | 0x20 == 0x72, units[at - 1] | 0x20 == 0x74,
            Class.isASCIILetter(units[at - 2]), Class.isASCIILetter(units[at - 1])
        else { return false }
        if at == 2 { return true }
        return at - 3 >= consumed && !isWordBeforeRetweet(units[at - 3])
    }

    private static func isWordBeforeMention(_ u: UInt16) -> Bool {
        switch u {
        case 0x21, 0x23...0x26, 0x2A, 0x40, 0x5F, 0xFF20: true  // ! # $ % & * @ _ ＠
        default: Class.isASCIIAlphanumeric(u)
        }
    }

    private static func isWordBeforeRetweet(_ u: UInt16) -> Bool {
        switch u {
        case 0x2B, 0x2D, 0x2E, 0x5F, 0x7E: true  // + - . _ ~
        default: Class.isASCIIAlphanumeric(u)
        }
    }

    private static func screenNameEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
        var end = start
        while end < units.count, end - start < maxScreenNameLength,
            Class.isASCIIAlphanumeric(units[end]) || units[end] == 0x5F
        {
            end += 1
        }
        return end
    }

    private static func isListCharacter(_ u: UInt16) -> Bool {
        Class.isASCIIAlphanumeric(u) || u == 0x5F || u == 0x2D
    }

    private static func isInvalidMentionEnd(_ units: UnsafeBufferPointer<UInt16>, at index: Int) -> Bool {
        guard index < units.count else { return false }
        let u = units[index]
        return Class.isAtSign(u) || Class.isLatinAccent(u) || startsWithSchemeSeparator(units, at: index)
    }

    /// "://", which makes "@http://..." and "#http://..." parts of a URL rather than entities.
    static func startsWithSchemeSeparator(_ units: UnsafeBufferPointer<UInt16>, at index: Int) -> Bool {
        index + 2 < units.count && units[index] == 0x3A && units[index + 1] == 0x2F && units[index + 2] == 0x2F
    }
}
