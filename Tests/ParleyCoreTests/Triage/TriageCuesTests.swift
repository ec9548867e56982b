import Testing
@testable import ParleyCore

@Suite struct TriageCuesTests {
    private func cues(_ text: String) -> TriageCues {
        TriageTokens.with(text) { TriageCues(tokens: $0) }
    }

    @Test func questionsByMarkOrFirstWord() {
        #expect(cues("@Acme is the store open?").question == 0.9)
        #expect(cues("@Acme @Help how do I reset it").question == 0.6)
        #expect(cues("I know how it works").question == 0.1)
    }

    @Test func aHashtagsMarkIsATokenTheCuesSkip() {
        let tokens = TriageTokens.with("#help why #fail") { t in (0..<t.count).map { t.string($0) } }
        #expect(tokens == ["#", "help", "why", "#", "fail"])
        #expect(cues("#how do I reset it").question == 0.6)
        #expect(cues("#please send a label").request == 0.8)
    }

    @Test func requestsByWordOrPhrase() {
        #expect(cues("Please send a label").request == 0.8)
        #expect(cues("let me know when it ships").request == 0.8)
        #expect(cues("let me in").request == 0.1)
        #expect(cues("I need a refund").request == 0.8)
    }

    @Test func complexityCues() {
        #expect(cues("my account is locked").accountSpecific)
        #expect(cues("the account page is slow").accountSpecific == false)
        #expect(cues("no one answers, third time I ask").needsInvestigation)
        #expect(cues("why? and how??").severalIssues)
        #expect(cues("WHY!!! WHY!!").shouting)
        #expect(cues("").question == 0.1)
    }
}
