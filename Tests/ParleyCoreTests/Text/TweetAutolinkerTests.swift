import Testing
@testable import ParleyCore

@Suite("Autolinking and highlighting, escaped")
struct TweetAutolinkerTests {
    private let linker = TweetAutolinker()

    /// With escaping on, the output is the suite's with the text between links escaped.
    @Test(arguments: TwitterTextConformanceSuite.cases("autolink", "all") + TwitterTextConformanceSuite.cases("autolink", "urls"))
    func escapingChangesOnlyTheTextBetweenLinks(_ test: ConformanceCase) {
        var raw = TweetAutolinker()
        raw.escapesText = false
        let entities = TweetTextExtractor(extractsURLsWithoutProtocol: false).entities(in: test.text)
        let escaped = linker.html(for: test.text, entities: entities)
        let expected = splitLinks(raw.html(for: test.text, entities: entities))
            .map { $0.isLink ? $0.text : TweetAutolinker.escape($0.text) }.joined()
        #expect(escaped == expected)
    }

    @Test func markupInAPostIsShownNotRun() {
        let html = linker.html(for: #"<script>alert("x")</script> & @acme's 'reply'"#)
        #expect(html == #"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; @<a class="tweet-url username" href="https://twitter.com/acme">acme</a>&#39;s &#39;reply&#39;"#)
    }

    @Test func linkRelationAndBasesAreSettable() {
        var linker = TweetAutolinker()
        linker.usernameURLBase = "https://x.com/"
        linker.linkRelation = "nofollow noopener noreferrer"
        #expect(linker.html(for: "@acme https://t.co/abc") == #"@<a class="tweet-url username" href="https://x.com/acme" rel="nofollow noopener noreferrer">acme</a> <a href="https://t.co/abc" rel="nofollow noopener noreferrer">https://t.co/abc</a>"#)
    }

    @Test func hitsAreHighlightedInLinkedText() {
        let text = "Thanks @acme & team"
        let html = linker.html(for: text)
        #expect(TweetHitHighlighter.highlight(html, hits: [7..<12, 13..<14]) == #"Thanks <em>@<a class="tweet-url username" href="https://twitter.com/acme">acme</a></em> <em>&amp;</em> team"#)
    }

    private func splitLinks(_ html: String) -> [(text: String, isLink: Bool)] {
        var parts: [(String, Bool)] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<a ") {
            parts.append((String(rest[..<open.lowerBound]), false))
            let close = rest.range(of: "</a>", range: open.upperBound..<rest.endIndex)!
            parts.append((String(rest[open.lowerBound..<close.upperBound]), true))
            rest = rest[close.upperBound...]
        }
        parts.append((String(rest), false))
        return parts
    }
}
