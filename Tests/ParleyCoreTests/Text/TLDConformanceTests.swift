import Testing
@testable import ParleyCore

@Suite("twitter-text conformance: tlds.yml")
struct TLDConformanceTests {
    @Test(arguments: ["country", "generic"].flatMap { TwitterTextConformanceSuite.cases("tlds", $0) })
    func extractsURLWithTLD(_ test: ConformanceCase) {
        #expect(TweetTextExtractor().urls(in: test.text).map(\.value) == test.expected.array.compactMap(\.string))
    }
}
