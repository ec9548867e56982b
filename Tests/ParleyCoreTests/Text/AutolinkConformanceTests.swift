import Foundation
import Testing
@testable import ParleyCore

/// The suite expects twitter-text's output, which copies the text between entities unescaped;
/// `TweetAutolinkerEscapingTests` checks what Parley renders with escaping on.
@Suite("twitter-text conformance: autolink.yml")
struct AutolinkConformanceTests {
    private let linker: TweetAutolinker = {
        var linker = TweetAutolinker()
        linker.escapesText = false
        return linker
    }()

    @Test(arguments: ["usernames", "lists"].flatMap { TwitterTextConformanceSuite.cases("autolink", $0) })
    func usernamesAndLists(_ test: ConformanceCase) {
        let entities = TweetTextExtractor().mentionsOrLists(in: test.text)
        #expect(linker.html(for: test.text, entities: entities) == test.expected.string)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("autolink", "hashtags"))
    func hashtags(_ test: ConformanceCase) {
        let entities = TweetTextExtractor().hashtags(in: test.text)
        #expect(linker.html(for: test.text, entities: entities) == test.expected.string)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("autolink", "urls"))
    func urls(_ test: ConformanceCase) {
        let entities = TweetTextExtractor(extractsURLsWithoutProtocol: false).urls(in: test.text)
        #expect(linker.html(for: test.text, entities: entities) == test.expected.string)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("autolink", "cashtags"))
    func cashtags(_ test: ConformanceCase) {
        let entities = TweetTextExtractor().cashtags(in: test.text)
        #expect(linker.html(for: test.text, entities: entities) == test.expected.string)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("autolink", "all"))
    func all(_ test: ConformanceCase) {
        #expect(linker.html(for: test.text) == test.expected.string)
    }

    /// Entities as X's API returns them, with code point indices.
    @Test(arguments: TwitterTextConformanceSuite.cases("autolink", "json"))
    func entitiesFromAPI(_ test: ConformanceCase) throws {
        let json = try JSONDecoder().decode(APIEntities.self, from: Data((test.json ?? "").utf8))
        var entities: [TextEntity] = []
        func add(_ kind: TextEntity.Kind, _ value: String, _ indices: [Int], display: String? = nil, expanded: String? = nil) {
            let range = TweetTextOffsets.utf16Ranges(fromScalarRanges: [indices[0]..<indices[1]], in: test.text)[0]
            guard let range else { return }
            entities.append(TextEntity(kind: kind, range: range, value: value, displayURL: display, expandedURL: expanded))
        }
        for mention in json.user_mentions { add(.mention, mention.screen_name, mention.indices) }
        for hashtag in json.hashtags { add(.hashtag, hashtag.text, hashtag.indices) }
        for url in json.urls { add(.url, url.url, url.indices, display: url.display_url, expanded: url.expanded_url) }
        #expect(linker.html(for: test.text, entities: entities) == test.expected.string)
    }

    private struct APIEntities: Decodable {
        struct Mention: Decodable {
            var screen_name: String
            var indices: [Int]
        }

        struct Hashtag: Decodable {
            var text: String
            var indices: [Int]
        }

        struct URL: Decodable {
            var url: String
            var expanded_url: String
            var display_url: String
            var indices: [Int]
        }

        var user_mentions: [Mention]
        var hashtags: [Hashtag]
        var urls: [URL]
    }
}

@Suite("twitter-text conformance: hit_highlighting.yml")
struct HitHighlightingConformanceTests {
    @Test(arguments: ["plain_text", "with_links"].flatMap { TwitterTextConformanceSuite.cases("hit_highlighting", $0) })
    func highlight(_ test: ConformanceCase) {
        let hits = (test.hits ?? []).map { $0[0]..<$0[1] }
        #expect(TweetHitHighlighter.highlight(test.text, hits: hits) == test.expected.string)
    }
}
