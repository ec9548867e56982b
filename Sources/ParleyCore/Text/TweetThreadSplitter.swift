/// Why a text cannot be split into a thread.
public enum TweetThreadSplitError: Error, Equatable, CustomStringConvertible {
    case empty
    /// The text holds a character X refuses in any post (U+FFFE, U+FEFF, U+FFFF).
    case invalidCharacters
    /// Something that must not be cut (a very long hashtag, usually) weighs more than a post holds.
    case unbreakableTooLong(weightedLength: Int, limit: Int)
    /// The reply mentions that start every post leave no room for text.
    case replyMentionsTooLong(weightedLength: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty: "The text is empty."
        case .invalidCharacters: "The text holds characters X refuses (U+FFFE, U+FEFF or U+FFFF)."
        case let .unbreakableTooLong(weighted, limit):
            "A link, tag or word of \(weighted) characters cannot be cut and does not fit in \(limit)."
        case let .replyMentionsTooLong(weighted, limit):
            "The reply mentions take \(weighted) of the \(limit) characters of each post."
        }
    }
}

/// Splits a long reply into a numbered thread of posts that X accepts.
///
/// Each post is filled as far as the limit allows, cut at the last sentence end if that keeps it
/// at least half full, else at the last word break; a word longer than a post is cut between
/// graphemes. No cut falls inside a URL, mention, hashtag, cashtag, emoji sequence or grapheme.
/// White space at a cut is dropped; everything else is kept, in order.
///
/// Posts end with a counter, " 1/3", which counts in their weight. It goes at the end, not the
/// start, because of the reply mention rule: a post that starts with "@customer" is a reply to
/// the customer, and X shows it in the conversation rather than to all the brand's followers.
/// So when the text starts with mentions, every following post starts with the same mentions
/// (counted in its weight): each stays a reply, and a counter in front would break that.
///
/// The text is NFC-normalized first, as X stores it. A text that fits one post comes back as
/// one post, without a counter.
public struct TweetThreadSplitter: Sendable {
    public var configuration: TweetTextConfiguration

    public init(configuration: TweetTextConfiguration = .default) {
        self.configuration = configuration
    }

    public func split(_ text: String) throws(TweetThreadSplitError) -> [String] {
        let units = TweetTextNormalizer.nfcUnits(of: text)
        return try units.withUnsafeBufferPointer { units throws(TweetThreadSplitError) in try split(units) }
    }

    private func split(_ units: UnsafeBufferPointer<UInt16>) throws(TweetThreadSplitError) -> [String] {
        var start = 0
        var end = units.count
        while start < end, isBlank(units[start]) { start += 1 }
        while end > start, isBlank(units[end - 1]) { end -= 1 }
        guard start < end else { throw .empty }
        guard !units[start..<end].contains(where: TweetTextCharacterClass.isInvalid) else { throw .invalidCharacters }
        let trimmed = units.tweetTextString(start..<end)
        if TweetTextParser.parse(trimmed, configuration: configuration).isValid { return [trimmed] }

        let mentions = replyMentions(units, from: start)
        let prefix = mentions.isEmpty ? "" : mentions.joined(separator: " ") + " "
        let breaks = TweetThreadBreaks(units: units, body: start..<end, weigher: TweetTextWeigher(configuration))
        var digits = 1
        while true {
            let bodies = try bodies(units, breaks: breaks, prefix: prefix, counterDigits: digits)
            let total = String(bodies.count)
            if total.count <= digits {
                return bodies.enumerated().map { number, body in
                    (number == 0 ? "" : prefix) + units.tweetTextString(body) + " \(number + 1)/\(total)"
                }
            }
            digits = total.count
        }
    }

    /// The mentions that start the text when it is a reply: the first post keeps them as
    /// written, the following posts start with them.
    private func replyMentions(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> [String] {
        guard TweetTextMentionScanner.replyScreenName(in: units) != nil else { return [] }
        let mentionsByStart = Dictionary(
            TweetTextMentionScanner.mentionsOrLists(in: units).filter { $0.listSlug == nil }.map { ($0.range.lowerBound, $0) },
            uniquingKeysWith: { first, _ in first })
        var mentions: [String] = []
        var position = start
        while let mention = mentionsByStart[position] {
            mentions.append(units.tweetTextString(mention.range))
            position = mention.range.upperBound
            while position < units.count, TweetThreadBreaks.isBreakingSpace(units[position]) { position += 1 }
        }
        return mentions
    }

    /// The ranges of the posts' texts, with room left in each for a counter of `counterDigits`
    /// digits, and in each post but the first for the prefix.
    private func bodies(
        _ units: UnsafeBufferPointer<UInt16>, breaks: TweetThreadBreaks, prefix: String, counterDigits: Int
    ) throws(TweetThreadSplitError) -> [Range<Int>] {
        let widest = String(repeating: "9", count: counterDigits)
        let counter = " \(widest)/\(widest)"
        let scale = configuration.scale
        let maxWeight = configuration.maxWeightedLength * scale
        let counterWeight = TweetTextParser.parse(counter, configuration: configuration).weightedLength * scale
        let reserved = TweetTextParser.parse(prefix + counter, configuration: configuration).weightedLength * scale
        guard reserved < maxWeight else {
            throw .replyMentionsTooLong(weightedLength: reserved / scale, limit: configuration.maxWeightedLength)
        }
        var bodies: [Range<Int>] = []
        var position = breaks.start
        while position < breaks.end {
            let postPrefix = bodies.isEmpty ? "" : prefix
            var allowance = maxWeight - (bodies.isEmpty ? counterWeight : reserved)
            while true {
                guard let cut = cut(breaks, from: position, allowance: allowance) else {
                    throw .unbreakableTooLong(
                        weightedLength: breaks.firstWholeWeight(from: position) / scale,
                        limit: (maxWeight - reserved) / scale)
                }
                var bodyEnd = cut.at
                while bodyEnd > position, isBlank(units[bodyEnd - 1]) { bodyEnd -= 1 }
                // The weights are additive except where a cut changes what the text means (a
                // word cut after "example.com" turns it into a URL), so each post is checked.
                let post = postPrefix + units.tweetTextString(position..<bodyEnd) + counter
                let measured = TweetTextParser.parse(post, configuration: configuration)
                if measured.isValid {
                    bodies.append(position..<bodyEnd)
                    position = cut.resume
                    while position < breaks.end, isBlank(units[position]) { position += 1 }
                    break
                }
                allowance -= max(measured.weightedLength * scale - maxWeight, scale)
            }
        }
        return bodies
    }

    /// Where the post starting at `from` ends, and where the next starts.
    private func cut(_ breaks: TweetThreadBreaks, from: Int, allowance: Int) -> TweetThreadBreaks.Break? {
        guard allowance > 0 else { return nil }
        if breaks.weight(from: from, to: breaks.end) <= allowance {
            return TweetThreadBreaks.Break(at: breaks.end, resume: breaks.end)
        }
        if let sentence = breaks.lastBreak(in: breaks.sentenceBreaks, from: from, allowance: allowance),
            breaks.weight(from: from, to: sentence.at) * 2 >= allowance
        {
            return sentence
        }
        if let word = breaks.lastBreak(in: breaks.wordBreaks, from: from, allowance: allowance) {
            return word
        }
        return breaks.lastCut(from: from, allowance: allowance).map { TweetThreadBreaks.Break(at: $0, resume: $0) }
    }

    private func isBlank(_ u: UInt16) -> Bool {
        u <= 0x20 || TweetTextCharacterClass.isSpace(u)
    }
}
