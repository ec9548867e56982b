import Testing
@testable import ParleyCore

@Suite("Text rules: direct messages")
struct DirectMessageTextTests {
    @Test func limitIsTenThousandCodePoints() {
        #expect(DirectMessageText.isValid(String(repeating: "a", count: 10_000)))
        #expect(!DirectMessageText.isValid(String(repeating: "a", count: 10_001)))
        #expect(DirectMessageText.length(of: "e\u{301}") == 1)
        #expect(DirectMessageText.length(of: "👨‍👩‍👧") == 5)
        #expect(DirectMessageText.isValid("https://example.com/" + String(repeating: "p", count: 9_000)))
    }

    @Test func blankMessagesAreRefused() {
        #expect(!DirectMessageText.isValid(""))
        #expect(!DirectMessageText.isValid(" \n "))
    }
}
