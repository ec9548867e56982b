import Testing
@testable import ParleyCore

@Suite("twitter-text conformance: validate.yml")
struct ValidateConformanceTests {
    /// The legacy 140-character validity, which is configuration v1.
    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "tweets"))
    func tweets(_ test: ConformanceCase) {
        #expect(TweetTextParser.parse(test.text, configuration: .v1).isValid == test.expected.bool)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "usernames"))
    func usernames(_ test: ConformanceCase) {
        #expect(TweetTextValidator.isValidUsername(test.text) == test.expected.bool)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "lists"))
    func lists(_ test: ConformanceCase) {
        #expect(TweetTextValidator.isValidList(test.text) == test.expected.bool)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "hashtags"))
    func hashtags(_ test: ConformanceCase) {
        #expect(TweetTextValidator.isValidHashtag(test.text) == test.expected.bool)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "urls"))
    func urls(_ test: ConformanceCase) {
        #expect(TweetTextValidator.isValidURL(test.text) == test.expected.bool)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "urls_without_protocol"))
    func urlsWithoutProtocol(_ test: ConformanceCase) {
        #expect(TweetTextValidator.isValidURL(test.text, requiresProtocol: false) == test.expected.bool)
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "WeightedTweetsCounterTest"))
    func weightedV2(_ test: ConformanceCase) {
        #expect(Measured(TweetTextParser.parse(test.text, configuration: .v2)) == Measured(test.expected))
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "WeightedTweetsWithDiscountedEmojiCounterTest"))
    func weightedV3(_ test: ConformanceCase) {
        #expect(Measured(TweetTextParser.parse(test.text, configuration: .v3)) == Measured(test.expected))
    }

    @Test(arguments: TwitterTextConformanceSuite.cases("validate", "UnicodeDirectionalMarkerCounterTest"))
    func weightedDefault(_ test: ConformanceCase) {
        #expect(Measured(TweetTextParser.parse(test.text)) == Measured(test.expected))
    }

    /// The suite's fields; its range ends are inclusive.
    private struct Measured: Equatable {
        var weightedLength: Int?
        var valid: Bool?
        var permillage: Int?
        var displayRange: [Int?]
        var validRange: [Int?]

        init(_ result: TweetTextParseResult) {
            weightedLength = result.weightedLength
            valid = result.isValid
            permillage = result.permillage
            displayRange = [result.displayRange.lowerBound, result.displayRange.upperBound - 1]
            validRange = [result.validRange.lowerBound, result.validRange.upperBound - 1]
        }

        init(_ expected: ConformanceValue) {
            weightedLength = expected["weightedLength"].int
            valid = expected["valid"].bool
            permillage = expected["permillage"].int
            displayRange = [expected["displayRangeStart"].int, expected["displayRangeEnd"].int]
            validRange = [expected["validRangeStart"].int, expected["validRangeEnd"].int]
        }
    }
}
