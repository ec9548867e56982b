import Testing

@testable import ParleyX

@Suite struct XSearchQueryTests {
    @Test func brandTermsQueryExcludesTheHandleItsOwnAccountsAndRetweets() throws {
        let built = XSearchQuery.brandTerms(
            ["Acme", "Acme Corp", #"say "hi" now"#], handle: "acme", ownHandles: ["AcmeHelp", "ACME"])
        #expect(built.query == #"(Acme OR "Acme Corp" OR "say hi now") -@acme -from:acme -from:AcmeHelp -is:retweet"#)
        #expect(built.dropped == 0)
    }

    @Test(arguments: [
        ("acme", "acme"), ("  acme\n", "acme"), ("#AcmeDeals", "#AcmeDeals"), ("$ACME", "$ACME"),
        ("acme_store", "acme_store"), ("café", "café"), ("acme-corp", #""acme-corp""#),
        ("acme.com", #""acme.com""#), ("from:acme", #""from:acme""#), ("-acme", #""-acme""#),
        ("@acme", #""@acme""#), (#""Acme Corp""#, #""Acme Corp""#), (#"Acme "Corp"#, #""Acme Corp""#),
        ("", ""), ("   ", ""), (#""""#, ""), ("OR", #""OR""#), ("AND", #""AND""#), ("or", "or"),
    ])
    func termsAreQuotedUnlessAPlainWord(term: String, expected: String) {
        #expect(XSearchQuery.quoted(term) == expected)
    }

    @Test func noUsableTermsGiveNoQuery() {
        #expect(XSearchQuery.brandTerms([], handle: "acme", ownHandles: []).query == nil)
        #expect(XSearchQuery.brandTerms(["", "  ", #""""#], handle: "acme", ownHandles: []).query == nil)
        #expect(XSearchQuery.brandTerms(["", "  ", #""""#], handle: "acme", ownHandles: []).dropped == 0)
    }

    /// Fifty-letter terms: `(` + 8×50 + 7×` OR ` + `) -@acme -from:acme -is:retweet` is 460
    /// characters; a ninth term makes 514, past X's 512.
    @Test func termsPastTheLimitAreDroppedFromTheEndAndCounted() throws {
        let terms = (0..<12).map { String(repeating: Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))), count: 50) }
        let built = XSearchQuery.brandTerms(terms, handle: "acme", ownHandles: [])
        let query = try #require(built.query)
        #expect(query.count == 460)
        #expect(built.dropped == 4)
        #expect(query.contains(terms[7]))
        #expect(!query.contains(terms[8]))
        #expect(query.hasSuffix(") -@acme -from:acme -is:retweet"))
    }

    @Test func aQueryOfExactlyTheLimitIsKept() throws {
        // `(` + term + `) -@acme -from:acme -is:retweet` is the term plus 32 characters.
        let exact = String(repeating: "x", count: XSearchQuery.maxLength - 32)
        let built = XSearchQuery.brandTerms([exact, "more"], handle: "acme", ownHandles: [])
        #expect(try #require(built.query).count == XSearchQuery.maxLength)
        #expect(built.dropped == 1)
        // A single term too long for the limit: no query, and it counts as dropped (logged).
        #expect(XSearchQuery.brandTerms([exact + "x"], handle: "acme", ownHandles: []).query == nil)
        #expect(XSearchQuery.brandTerms([exact + "x"], handle: "acme", ownHandles: []).dropped == 1)
    }

    @Test func aLaterShortTermIsDroppedOnceOneDoesNotFit() throws {
        let long = String(repeating: "y", count: 480)
        let built = XSearchQuery.brandTerms(["acme", long, "ok"], handle: "acme", ownHandles: [])
        #expect(built.query == "(acme) -@acme -from:acme -is:retweet")
        #expect(built.dropped == 2)
    }

    /// `XPoller` logs `dropped > 0` as "brand terms do not fit X's query limit"; a blank term
    /// is not a term that did not fit.
    @Test func blankTermsAreNotCountedAsDropped() throws {
        let built = XSearchQuery.brandTerms(["acme", "  ", #""""#], handle: "acme", ownHandles: [])
        #expect(built.query == "(acme) -@acme -from:acme -is:retweet")
        #expect(built.dropped == 0)
    }

    @Test func streamRuleTakesMentionsAndTermsButNotTheHandlesOwnPosts() {
        #expect(XSearchQuery.streamRule(handle: "acme", terms: ["Acme Corp", "acme", " "])
                == #"(@acme OR "Acme Corp" OR acme) -from:acme"#)
        #expect(XSearchQuery.streamRule(handle: "acme", terms: []) == "(@acme) -from:acme")
    }

    @Test func streamRuleStaysWithinTheLimit() {
        let terms = (0..<20).map { "term\($0)" + String(repeating: "z", count: 40) }
        let rule = XSearchQuery.streamRule(handle: "acme", terms: terms)
        #expect(rule.count <= XSearchQuery.maxLength)
        #expect(rule.count > XSearchQuery.maxLength - 50, "as many terms as fit are kept")
        #expect(rule.hasPrefix("(@acme OR term0"))
        #expect(rule.hasSuffix(") -from:acme"))
        #expect(!rule.contains("term19"))
    }
}
