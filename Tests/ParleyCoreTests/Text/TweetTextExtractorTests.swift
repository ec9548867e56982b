import Testing
@testable import ParleyCore

@Suite("Text rules: entities")
struct TweetTextExtractorTests {
    private let extractor = TweetTextExtractor()

    @Test func entitiesKeepTheEarlierOfOverlappingOnes() {
        let text = "Ask @acme about http://example.com/#faq or $ACME #help"
        let entities = extractor.entities(in: text)
        #expect(entities.map(\.kind) == [.mention, .url, .cashtag, .hashtag])
        #expect(entities.map(\.value) == ["acme", "http://example.com/#faq", "ACME", "help"])
        #expect(entities[1].range == 16..<39)
    }

    @Test func mentionsLeaveListsOut() {
        #expect(extractor.mentions(in: "@a/list @b").map(\.value) == ["b"])
        #expect(extractor.mentionsOrLists(in: "@a/list @b").map(\.listSlug) == ["/list", nil])
    }

    @Test func indicesAreUTF16Offsets() {
        let text = "😀 @acme"
        #expect(extractor.mentions(in: text).map(\.range) == [3..<8])
    }

    @Test func apiCodePointOffsetsConvertToUTF16() {
        let text = "😀 @acme 👨‍👩‍👧 #tag"
        let ranges = TweetTextOffsets.utf16Ranges(fromScalarRanges: [2..<7, 14..<18, 17..<30], in: text)
        #expect(ranges == [3..<8, 18..<22, nil])
    }

    @Test func validatorsCheckSingleTokens() {
        #expect(TweetTextValidator.isValidUsername("@acme_help"))
        #expect(!TweetTextValidator.isValidUsername("@acme help"))
        #expect(TweetTextValidator.isValidList("@acme/vip-customers"))
        #expect(TweetTextValidator.isValidHashtag("#café"))
        #expect(TweetTextValidator.isValidURL("https://example.com/a?b=c#d"))
        #expect(!TweetTextValidator.isValidURL("example.com"))
        #expect(TweetTextValidator.isValidURL("example.com", requiresProtocol: false))
    }
}
