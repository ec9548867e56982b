import Testing
@testable import ParleyCore

@Suite("twitter-text conformance: extract.yml")
struct ExtractConformanceTests {
    private let extractor = TweetTextExtractor()

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "mentions"))
    func mentions(_ test: ConformanceCase) {
        #expect(extractor.mentions(in: test.text).map(\.value) == test.expected.array.compactMap(\.string))
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "mentions_with_indices"))
    func mentionsWithIndices(_ test: ConformanceCase) {
        let expected = test.expected.array.map { Expected($0["screen_name"], $0["indices"]) }
        #expect(extractor.mentions(in: test.text).map(Expected.init) == expected)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "mentions_or_lists_with_indices"))
    func mentionsOrListsWithIndices(_ test: ConformanceCase) {
        let expected = test.expected.array.map { value in
            Expected(value["screen_name"], value["indices"], listSlug: value["list_slug"].string ?? "")
        }
        #expect(extractor.mentionsOrLists(in: test.text).map(Expected.init) == expected)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "replies"))
    func replies(_ test: ConformanceCase) {
        #expect(extractor.replyScreenName(in: test.text) == test.expected.string)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "urls"))
    func urls(_ test: ConformanceCase) {
        #expect(extractor.urls(in: test.text).map(\.value) == test.expected.array.compactMap(\.string))
    }

    @Test(arguments: ["urls_with_indices", "urls_with_directional_markers"].flatMap {
        TwitterTextConformanceSuite.cases("extract", $0)
    })
    func urlsWithIndices(_ test: ConformanceCase) {
        let expected = test.expected.array.map { Expected($0["url"], $0["indices"]) }
        #expect(extractor.urls(in: test.text).map(Expected.init) == expected)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "tco_urls_with_params"))
    func tcoURLsWithParameters(_ test: ConformanceCase) {
        #expect(extractor.urls(in: test.text).map(\.value) == test.expected.array.compactMap(\.string))
    }

    @Test(arguments: ["hashtags", "hashtags_from_astral"].flatMap { TwitterTextConformanceSuite.cases("extract", $0) })
    func hashtags(_ test: ConformanceCase) {
        #expect(extractor.hashtags(in: test.text).map(\.value) == test.expected.array.compactMap(\.string))
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "hashtags_with_indices"))
    func hashtagsWithIndices(_ test: ConformanceCase) {
        let expected = test.expected.array.map { Expected($0["hashtag"], $0["indices"]) }
        #expect(extractor.hashtags(in: test.text).map(Expected.init) == expected)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "cashtags"))
    func cashtags(_ test: ConformanceCase) {
        #expect(extractor.cashtags(in: test.text).map(\.value) == test.expected.array.compactMap(\.string))
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("extract", "cashtags_with_indices"))
    func cashtagsWithIndices(_ test: ConformanceCase) {
        let expected = test.expected.array.map { Expected($0["cashtag"], $0["indices"]) }
        #expect(extractor.cashtags(in: test.text).map(Expected.init) == expected)
    }

    /// An entity as the suite describes it: value, UTF-16 indices, list slug ("" for none).
    private struct Expected: Equatable, CustomStringConvertible {
        var value: String
        var indices: [Int]
        var listSlug = ""

        init(_ value: ConformanceValue, _ indices: ConformanceValue, listSlug: String = "") {
            self.value = value.string ?? ""
            self.indices = indices.array.compactMap(\.int)
            self.listSlug = listSlug
        }

        init(_ entity: TextEntity) {
            value = entity.value
            indices = [entity.range.lowerBound, entity.range.upperBound]
            listSlug = entity.listSlug ?? ""
        }

        var description: String { "\(value)\(listSlug) \(indices)" }
    }
}
