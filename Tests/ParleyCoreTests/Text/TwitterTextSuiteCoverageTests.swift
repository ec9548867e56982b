import Testing

/// Every case of the suite runs: the sections the conformance tests read are all the sections
/// of the fixtures, with the counts the suite's PROVENANCE.md lists.
@Suite("twitter-text conformance: coverage")
struct TwitterTextSuiteCoverageTests {
    @Test func everySectionOfEveryFileIsTested() {
        let tested: [String: [String: Int]] = [
            "validate": [
                "tweets": 8, "usernames": 4, "lists": 5, "hashtags": 7, "urls": 24, "urls_without_protocol": 5,
                "WeightedTweetsCounterTest": 20, "WeightedTweetsWithDiscountedEmojiCounterTest": 22,
                "UnicodeDirectionalMarkerCounterTest": 2,
            ],
            "extract": [
                "mentions": 23, "mentions_with_indices": 3, "mentions_or_lists_with_indices": 5, "replies": 13,
                "urls": 91, "urls_with_indices": 10, "urls_with_directional_markers": 2, "tco_urls_with_params": 5,
                "hashtags": 65, "hashtags_from_astral": 3, "hashtags_with_indices": 8, "cashtags": 8,
                "cashtags_with_indices": 2,
            ],
            "autolink": ["usernames": 19, "lists": 12, "hashtags": 70, "urls": 78, "cashtags": 2, "all": 10, "json": 5],
            "hit_highlighting": ["plain_text": 6, "with_links": 8],
            "tlds": ["country": 315, "generic": 1259],
        ]
        var total = 0
        for (file, sections) in tested {
            let fixture = TwitterTextConformanceSuite.sections(file).mapValues(\.count)
            #expect(fixture == sections, "\(file).json")
            total += fixture.values.reduce(0, +)
        }
        #expect(total == 2119)
    }
}
