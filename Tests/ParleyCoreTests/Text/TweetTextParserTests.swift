import Testing
@testable import ParleyCore

@Suite("Text rules: weighted length and validity")
struct TweetTextParserTests {
    @Test func blankTextIsNotAPost() {
        let empty = TweetTextParser.parse("")
        #expect(empty == TweetTextParseResult(weightedLength: 0, isValid: false, permillage: 0, validRange: 0..<0, displayRange: 0..<0))
        let blank = TweetTextParser.parse(" \n\u{3000}")
        #expect(blank.weightedLength == 4)
        #expect(!blank.isValid)
    }

    @Test func everyURLWeighsTwentyThree() {
        #expect(TweetTextParser.parse("https://example.com/a/very/long/path/that/goes/on?and=on&on=on").weightedLength == 23)
        #expect(TweetTextParser.parse("see example.com").weightedLength == 4 + 23)
        #expect(TweetTextParser.parse("see example.comm").weightedLength == 16)
    }

    @Test func emojiSequencesWeighTwo() {
        for emoji in ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣", "#⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️‍🔥", "🐦‍⬛", "🧑🏾‍🚀", "☺️", "©️"] {
            #expect(TweetTextParser.parse(emoji).weightedLength == 2, "\(emoji)")
        }
        // Text presentation and bare © are characters like others.
        #expect(TweetTextParser.parse("©").weightedLength == 1)
        #expect(TweetTextParser.parse("✌\u{FE0E}").weightedLength == 4)
        #expect(TweetTextParser.parse("1\u{FE0F}").weightedLength == 3)
        // Under v2 every code point counts.
        #expect(TweetTextParser.parse("👨‍👩‍👧‍👦", configuration: .v2).weightedLength == 11)
    }

    @Test func validRangeEndsWhereTheLimitIsReached() {
        let text = String(repeating: "a", count: 270) + String(repeating: "の", count: 10)
        let result = TweetTextParser.parse(text)
        #expect(result.weightedLength == 290)
        #expect(!result.isValid)
        #expect(result.permillage == 1035)
        #expect(result.validRange == 0..<275)
        #expect(result.displayRange == 0..<280)
    }

    @Test func invalidCharactersEndTheValidRange() {
        let result = TweetTextParser.parse("ok\u{FEFF}then")
        #expect(!result.isValid)
        #expect(result.validRange == 0..<2)
    }

    @Test func aMegabyteIsMeasuredInOnePass() {
        let unit = "Hi @acme, order #A12 is late https://example.com/o/12 😀 故障 "
        let count = 1_000_000 / unit.utf16.count
        let text = String(repeating: unit, count: count)
        let unitWeight = TweetTextParser.parse(unit).weightedLength
        #expect(TweetTextParser.parse(text).weightedLength == unitWeight * count)
        let entities = TweetTextExtractor().entities(in: text)
        #expect(entities.count == 3 * count)
        #expect(entities.filter { $0.kind == .url }.count == count)
    }

    /// Long runs that make a naive URL scanner go back over the same labels for every start.
    @Test(arguments: ["a.", "a-", "_a", "a.com.", "x.co/", "@a", "#a", "http://", "例え。", "$A "])
    func pathologicalMegabytesFinishWithoutURLs(pattern: String) {
        let text = String(repeating: pattern, count: 1_000_000 / pattern.utf16.count)
        #expect(TweetTextExtractor().urls(in: text).isEmpty)
        #expect(TweetTextParser.parse(text).weightedLength >= text.utf16.count)
    }
}

@Suite("Text rules: emoji sequences")
struct TweetTextEmojiWeightTests {
    /// U+FE0F belongs to an emoji that has a variation sequence; after others it counts alone.
    @Test func variationSelectorJoinsOnlyEmojiThatTakeIt() {
        #expect(TweetTextParser.parse("⚽\u{FE0F}").weightedLength == 2)
        #expect(TweetTextParser.parse("☺\u{FE0F}").weightedLength == 2)
        #expect(TweetTextParser.parse("😀\u{FE0F}").weightedLength == 4)
        #expect(TweetTextParser.parse("👍🏼\u{FE0F}").weightedLength == 4)
    }

    /// Only the country flags pair up; other regional indicators weigh 2 each.
    @Test func regionalIndicatorsPairOnlyIntoFlags() {
        #expect(TweetTextParser.parse("🇫🇷🇯🇵").weightedLength == 4)
        #expect(TweetTextParser.parse("🇫🇴🇱🇱🇴🇼").weightedLength == 10)
    }
}
