/// A URL, hashtag, mention (or list) or cashtag in a post's text.
public struct TextEntity: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case url, hashtag, mention, cashtag
    }

    public var kind: Kind
    /// UTF-16 offsets in the text, end exclusive, the `@`, `#` or `$` included.
    public var range: Range<Int>
    /// The URL as written; the hashtag or cashtag without its sign; the screen name without `@`.
    public var value: String
    /// For a list, "@user/list": the slash and the list's name ("/list"); otherwise nil.
    public var listSlug: String?
    /// For a URL that X shortened, as its API reports it: what to show ("example.com/…") and
    /// where the link leads. Extraction from text leaves both nil.
    public var displayURL: String?
    public var expandedURL: String?

    public init(
        kind: Kind, range: Range<Int>, value: String, listSlug: String? = nil, displayURL: String? = nil,
        expandedURL: String? = nil
    ) {
        self.kind = kind
        self.range = range
        self.value = value
        self.listSlug = listSlug
        self.displayURL = displayURL
        self.expandedURL = expandedURL
    }

    /// Sorted by start, keeping the earlier of two overlapping entities: in "http://x.com/#tag"
    /// the URL, not the hashtag inside it.
    static func removingOverlaps(_ entities: [TextEntity]) -> [TextEntity] {
        var kept: [TextEntity] = []
        kept.reserveCapacity(entities.count)
        for entity in entities.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = kept.last, last.range.upperBound > entity.range.lowerBound { continue }
            kept.append(entity)
        }
        return kept
    }
}

extension UnsafeBufferPointer<UInt16> {
    /// The text of some of these UTF-16 code units. Entities are mostly ASCII, which is copied
    /// byte by byte rather than transcoded.
    func tweetTextString(_ range: Range<Int>) -> String {
        let units = UnsafeBufferPointer(rebasing: self[range])
        guard !units.contains(where: { $0 >= 0x80 }) else { return String(decoding: units, as: UTF16.self) }
        return String(unsafeUninitializedCapacity: units.count) { bytes in
            for index in units.indices { bytes[index] = UInt8(truncatingIfNeeded: units[index]) }
            return units.count
        }
    }
}
