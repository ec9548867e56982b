import Foundation

/// Renders a post's text as HTML with its mentions, lists, hashtags, cashtags and URLs linked,
/// in twitter-text's markup (the conformance suite's autolink cases).
///
/// Everything that is not markup is escaped: the inbox shows posts only through this, never as
/// raw HTML. twitter-text itself copies the text between entities unchanged, because X's API
/// used to deliver text with `<`, `>` and `&` already escaped; Parley keeps text unescaped and
/// escapes it here.
public struct TweetAutolinker: Sendable {
    public var usernameURLBase = "https://twitter.com/"
    public var listURLBase = "https://twitter.com/"
    public var hashtagURLBase = "https://twitter.com/search?q=%23"
    public var cashtagURLBase = "https://twitter.com/search?q=%24"
    public var usernameClass = "tweet-url username"
    public var listClass = "tweet-url list-slug"
    public var hashtagClass = "tweet-url hashtag"
    public var cashtagClass = "tweet-url cashtag"
    /// A `rel` for every link ("nofollow noopener noreferrer" for pages showing others' posts);
    /// none by default, as in the suite.
    public var linkRelation: String?
    /// twitter-text's behaviour of copying the text between entities as it is. Only the
    /// conformance tests turn escaping off, to compare with the suite byte for byte.
    var escapesText = true

    public init() {}

    /// The text with every entity linked. URLs are linked only with their protocol
    /// ("example.com" stays text), as twitter-text does.
    public func html(for text: String) -> String {
        html(for: text, entities: TweetTextExtractor(extractsURLsWithoutProtocol: false).entities(in: text))
    }

    /// The text with the given entities linked, for instance those X's API returned with the
    /// post (their display and expanded URLs are then shown as X shows them). Entities that
    /// overlap an earlier one or fall outside the text are left out.
    public func html(for text: String, entities: [TextEntity]) -> String {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { units in
            var html = ""
            html.reserveCapacity(units.count + entities.count * 100)
            var position = 0
            for entity in entities.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                guard entity.range.lowerBound >= position, entity.range.upperBound <= units.count,
                    !entity.range.isEmpty
                else { continue }
                appendText(units.tweetTextString(position..<entity.range.lowerBound), to: &html)
                let symbol = units.tweetTextString(entity.range.lowerBound..<entity.range.lowerBound + 1)
                switch entity.kind {
                case .mention: appendMention(entity, symbol: symbol, to: &html)
                case .hashtag: appendHashtag(entity, symbol: symbol, to: &html)
                case .cashtag: appendCashtag(entity, to: &html)
                case .url: appendURL(entity, to: &html)
                }
                position = entity.range.upperBound
            }
            appendText(units.tweetTextString(position..<units.count), to: &html)
            return html
        }
    }

    private func appendText(_ text: String, to html: inout String) {
        html += escapesText ? Self.escape(text) : text
    }

    /// "@" stays outside the link, as on X.
    private func appendMention(_ entity: TextEntity, symbol: String, to html: inout String) {
        let user = Self.escape(entity.value)
        html += symbol
        if let slug = entity.listSlug {
            let list = user + Self.escape(slug)
            appendLink([("class", listClass), ("href", listURLBase + list)], text: list, to: &html)
        } else {
            appendLink([("class", usernameClass), ("href", usernameURLBase + user)], text: user, to: &html)
        }
    }

    private func appendHashtag(_ entity: TextEntity, symbol: String, to html: inout String) {
        let tag = Self.escape(entity.value)
        let isRightToLeft = entity.value.utf16.first.map(Self.isRightToLeft) ?? false
        let attributes = [
            ("href", hashtagURLBase + tag), ("title", "#" + tag),
            ("class", isRightToLeft ? hashtagClass + " rtl" : hashtagClass),
        ]
        appendLink(attributes, text: symbol + tag, to: &html)
    }

    private func appendCashtag(_ entity: TextEntity, to html: inout String) {
        let tag = Self.escape(entity.value)
        appendLink(
            [("href", cashtagURLBase + tag), ("title", "$" + tag), ("class", cashtagClass)], text: "$" + tag,
            to: &html)
    }

    private func appendURL(_ entity: TextEntity, to html: inout String) {
        let url = entity.value
        let hasProtocol = url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")
        var attributes = [("href", hasProtocol ? url : "http://" + url)]
        var text = Self.escape(url)
        if let display = entity.displayURL {
            if let expanded = entity.expandedURL { attributes.append(("title", expanded)) }
            text = Self.displayMarkup(display: display, expanded: entity.expandedURL ?? "")
        }
        appendLink(attributes, text: text, to: &html)
    }

    /// Attribute values are escaped here; `text` is markup already.
    private func appendLink(_ attributes: [(String, String)], text: String, to html: inout String) {
        html += "<a"
        for (name, value) in attributes + (linkRelation.map { [("rel", $0)] } ?? []) {
            html += " \(name)=\"\(Self.escape(value))\""
        }
        html += ">\(text)</a>"
    }

    /// X's rendering of a shortened link: the display URL is shown, and the rest of the expanded
    /// URL is kept in off-screen spans so that copying the text copies the full URL.
    private static func displayMarkup(display: String, expanded: String) -> String {
        let ellipsis = "…"
        let shown = display.replacingOccurrences(of: ellipsis, with: "")
        guard !shown.isEmpty, let range = expanded.range(of: shown) else { return escape(display) }
        let invisible = "style='position:absolute;left:-9999px;'"
        let leading = display.hasPrefix(ellipsis) ? ellipsis : ""
        let trailing = display.hasSuffix(ellipsis) ? ellipsis : ""
        return "<span class='tco-ellipsis'>\(leading)<span \(invisible)>&nbsp;</span></span>"
            + "<span \(invisible)>\(escape(String(expanded[..<range.lowerBound])))</span>"
            + "<span class='js-display-url'>\(escape(shown))</span>"
            + "<span \(invisible)>\(escape(String(expanded[range.upperBound...])))</span>"
            + "<span class='tco-ellipsis'><span \(invisible)>&nbsp;</span>\(trailing)</span>"
    }

    /// Hebrew, Arabic and Arabic presentation forms: a hashtag starting with one gets class "rtl".
    private static func isRightToLeft(_ u: UInt16) -> Bool {
        (0x0590...0x06FF).contains(u) || (0x0750...0x077F).contains(u) || (0xFE70...0xFEFF).contains(u)
    }

    static func escape(_ text: String) -> String {
        HTMLEscape.text(text)
    }
}
