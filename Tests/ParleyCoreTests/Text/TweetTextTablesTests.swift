import Foundation
import Testing
@testable import ParleyCore

/// The tables embedded in the library agree with their sources.
@Suite("Text rules: embedded tables")
struct TweetTextTablesTests {
    @Test func tldListsAreTheSuitesInItsOrder() throws {
        let url = try #require(TwitterTextConformanceSuite.fixtureURL("tld_lib"))
        let lists = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: url))
        #expect(TweetTextTLDs.generic == lists["generic"])
        #expect(TweetTextTLDs.country == lists["country"])
    }

    @Test(arguments: ["v1", "v2", "v3"])
    func configurationsAreThePublishedOnes(version: String) throws {
        struct File: Decodable {
            struct Range: Decodable {
                var start: UInt32
                var end: UInt32
                var weight: Int
            }

            var version: Int
            var maxWeightedTweetLength: Int
            var scale: Int
            var defaultWeight: Int
            var transformedURLLength: Int
            var emojiParsingEnabled: Bool?
            var ranges: [Range]
        }
        let url = try #require(Bundle.module.url(forResource: version, withExtension: "json", subdirectory: "Fixtures/twitter-text/config"))
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let embedded = try #require(TweetTextConfiguration.version(file.version))
        #expect(embedded == TweetTextConfiguration(
            version: file.version, maxWeightedLength: file.maxWeightedTweetLength, scale: file.scale,
            defaultWeight: file.defaultWeight, transformedURLLength: file.transformedURLLength,
            emojiParsingEnabled: file.emojiParsingEnabled ?? false,
            ranges: file.ranges.map { .init(lower: $0.start, upper: $0.end, weight: $0.weight) }))
    }

    /// Each scalar the table calls stable is its own NFC form and, once after a letter and once
    /// before a combining mark, neither composes with nor reorders around its neighbours' text.
    @Test func nfcStableScalarsAreStableForFoundation() {
        var checked = 0
        for scalar in (0x300...0x2FFFF).compactMap(Unicode.Scalar.init) where TweetTextNormalizer.isStable(scalar.value) {
            let alone = String(scalar)
            #expect(alone.precomposedStringWithCanonicalMapping == alone, "U+\(String(scalar.value, radix: 16))")
            let afterLetter = "a" + alone
            #expect(afterLetter.precomposedStringWithCanonicalMapping.unicodeScalars.count == 2)
            checked += 1
        }
        #expect(checked > 100_000)
    }

    @Test func textsWithUnstableScalarsAreNormalized() {
        #expect(TweetTextNormalizer.nfcUnits(of: "e\u{301}") == Array("é".utf16))
        #expect(TweetTextNormalizer.nfcUnits(of: "\u{1100}\u{1161}") == Array("가".utf16))
        #expect(TweetTextNormalizer.nfcUnits(of: "\u{FB2C}") == Array("\u{05E9}\u{05BC}\u{05C1}".utf16))
        #expect(TweetTextNormalizer.nfcUnits(of: "plain ascii") == Array("plain ascii".utf16))
    }
}
