/// Finds the entities of a post's text with twitter-text's rules: URLs (with and without
/// protocol, t.co links), hashtags, mentions and lists, cashtags and the reply mention.
///
/// Ranges are UTF-16 offsets into the text as given, end exclusive. Each function is linear in
/// the length of the text.
public struct TweetTextExtractor: Sendable {
    /// Whether "example.com" counts as a URL without "http://". X counts it (and weighs it 23);
    /// twitter-text's autolinker does not link it.
    public var extractsURLsWithoutProtocol: Bool

    public init(extractsURLsWithoutProtocol: Bool = true) {
        self.extractsURLsWithoutProtocol = extractsURLsWithoutProtocol
    }

    /// Every URL, hashtag, mention, list and cashtag, by position; where two overlap the earlier
    /// wins (a URL over the "#fragment" or "@user" inside it).
    public func entities(in text: String) -> [TextEntity] {
        Self.withUnits(of: text) { entities(in: $0) }
    }

    public func urls(in text: String) -> [TextEntity] {
        Self.withUnits(of: text) { urls(in: $0) }
    }

    /// Hashtags, leaving out those inside a URL ("example.com/#anchor").
    public func hashtags(in text: String) -> [TextEntity] {
        Self.withUnits(of: text) { units in
            let hashtags = TweetTextHashtagScanner.hashtags(in: units)
            guard !hashtags.isEmpty else { return [] }
            let urls = TweetTextExtractor(extractsURLsWithoutProtocol: true).urls(in: units)
            return TextEntity.removingOverlaps(hashtags + urls).filter { $0.kind == .hashtag }
        }
    }

    /// Mentions of accounts; a list ("@user/list") is not one.
    public func mentions(in text: String) -> [TextEntity] {
        mentionsOrLists(in: text).filter { $0.listSlug == nil }
    }

    public func mentionsOrLists(in text: String) -> [TextEntity] {
        Self.withUnits(of: text) { TweetTextMentionScanner.mentionsOrLists(in: $0) }
    }

    public func cashtags(in text: String) -> [TextEntity] {
        Self.withUnits(of: text) { TweetTextCashtagScanner.cashtags(in: $0) }
    }

    /// The screen name a reply is addressed to: the mention that starts the text, after spaces
    /// and directional marks only. Nil when the text does not start with a mention.
    public func replyScreenName(in text: String) -> String? {
        Self.withUnits(of: text) { TweetTextMentionScanner.replyScreenName(in: $0) }
    }

    func entities(in units: UnsafeBufferPointer<UInt16>) -> [TextEntity] {
        // One pass finds which signs occur; most posts have no mention, hashtag or cashtag.
        var signs = (at: false, hash: false, dollar: false, dot: false)
        for u in units {
            switch u {
            case 0x40, 0xFF20: signs.at = true
            case 0x23, 0xFF03: signs.hash = true
            case 0x24: signs.dollar = true
            case 0x2E: signs.dot = true
            default: continue
            }
        }
        var found: [TextEntity] = []
        if signs.dot { appendURLs(in: units, to: &found) }
        if signs.hash { TweetTextHashtagScanner.appendHashtags(in: units, to: &found) }
        if signs.at { TweetTextMentionScanner.appendMentionsOrLists(in: units, to: &found) }
        if signs.dollar { TweetTextCashtagScanner.appendCashtags(in: units, to: &found) }
        return found.count > 1 ? TextEntity.removingOverlaps(found) : found
    }

    func urls(in units: UnsafeBufferPointer<UInt16>) -> [TextEntity] {
        var urls: [TextEntity] = []
        appendURLs(in: units, to: &urls)
        return urls
    }

    private func appendURLs(in units: UnsafeBufferPointer<UInt16>, to entities: inout [TextEntity]) {
        var scanner = TweetTextURLScanner(units: units, extractsURLsWithoutProtocol: extractsURLsWithoutProtocol)
        while let range = scanner.next() {
            entities.append(TextEntity(kind: .url, range: range, value: units.tweetTextString(range)))
        }
    }

    private static func withUnits<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt16>) -> Result) -> Result {
        TweetTextNormalizer.units(of: text).withUnsafeBufferPointer(body)
    }
}
