import Foundation
import Testing
@testable import ParleyCore

@Suite struct TriagerTests {
    static let triager: Triager? = (try? Data(contentsOf: TriageTestFiles.models.appendingPathComponent("triage-linear.bin")))
        .flatMap { try? TriageModels(linearModelData: $0) }
        .map { Triager(models: $0) }

    @Test func angryComplaintWithAnOrderNumberGoesToDMWithoutRepeatingIt() throws {
        let triager = try #require(Self.triager)
        let r = triager.triage(TriageInput(
            text: "@AcmeCare order #W123456789 STILL hasn't arrived after 3 weeks!!! worst service ever, absolutely furious",
            authorFollowers: 120_000, waitingSeconds: 45 * 60, brandUserID: "783214"))
        #expect(r.intent == .complaint)
        #expect(r.sentiment == .negative)
        #expect(r.upset == 2)
        #expect(r.personalData.map(\.kind) == [.orderNumber])
        #expect(r.handoff.advice == .dm)
        #expect(r.handoff.reasons.contains("contains an order number"))
        #expect(r.handoff.suggestedReply?.contains("W123456789") == false)
        #expect(r.handoff.suggestedReply?.contains("https://x.com/messages/compose?recipient_id=783214") == true)
        #expect(r.priority.reasons.contains("reach 120k"))
        #expect(r.priority.reasons.contains("waiting 45 min"))
        #expect(r.priority.score >= 80)
    }

    @Test func thanksStaysPublicAndLow() throws {
        let triager = try #require(Self.triager)
        let r = triager.triage(TriageInput(text: "Thank you so much @AcmeCare, the new phone is amazing! Great team 🙏"))
        #expect(r.intent == .praise)
        #expect(r.sentiment == .positive)
        #expect(r.upset == 0)
        #expect(r.handoff.advice == .public)
        #expect(r.handoff.suggestedReply == nil)
        #expect(r.priority.score < 30)
    }

    @Test func questionIsAQuestion() throws {
        let triager = try #require(Self.triager)
        let r = triager.triage(TriageInput(text: "@AcmeCare what time does the Leeds store open on Sunday?"))
        #expect(r.intent == .question)
        #expect(r.handoff.advice == .public)
    }

    /// Messages written for this test (not taken from the dev or test sets) for each word-cue rule.
    @Test(arguments: [
        ("@AcmeCare switch my plan to the annual one", TriageIntent.request),
        ("@AcmeCare could you send me the March invoice?", .request),
        ("@AcmeCare great, another delay, just what I needed", .complaint),
        ("@AcmeCare the app is not working since this morning", .complaint),
        ("Earn passive income from home, no experience needed, DM now", .spamTroll),
        ("@AcmeCare log off and touch grass", .spamTroll),
        ("@AcmeCare the engineer who came today was so patient, well done", .praise),
    ])
    func wordCuesDecideWhatTheModelsWereNotTrainedOn(text: String, intent: TriageIntent) throws {
        let triager = try #require(Self.triager)
        #expect(triager.triage(TriageInput(text: text)).intent == intent)
    }

    /// Spam and trolling come before a complaint only when no problem is named: a customer who
    /// calls the brand "a joke" about a lost order, or won a prize at a game's casino, complains.
    @Test func aNamedProblemOutranksSpamAndTrollingCues() throws {
        let triager = try #require(Self.triager)
        #expect(triager.triage(TriageInput(text: "Crypto airdrop live now, message me to claim, link in bio")).intent == .spamTroll)
        #expect(triager.triage(TriageInput(text: "@AcmeCare you people are a joke, my order never arrived")).intent == .complaint)
        #expect(triager.triage(TriageInput(text: "@AcmeGames I won the car at the casino but it is missing from my garage")).intent == .complaint)
    }

    @Test func aHandoffTemplateNeedsItsLinkOnceAndMustFitAPost() {
        #expect(TriageHandoffAdvice.problem(with: TriageHandoffAdvice.defaultTemplate) == nil)
        #expect(TriageHandoffAdvice.problem(with: "Please DM us.") != nil)
        #expect(TriageHandoffAdvice.problem(with: "{dm_link} or {dm_link}") != nil)
        #expect(TriageHandoffAdvice.problem(with: String(repeating: "a", count: 260) + " {dm_link}") != nil)
        #expect(TriageHandoffAdvice.problem(with: String(repeating: "a", count: 200) + " {dm_link}") == nil)
    }

    @Test func answersForAnyInput() throws {
        let triager = try #require(Self.triager)
        for text in ["", "\u{202E}\u{0301}", "<script>alert(1)</script>", String(repeating: "é😡 ", count: 100_000)] {
            let r = triager.triage(TriageInput(text: text))
            #expect((0...100).contains(r.priority.score))
            #expect((0...2).contains(r.upset))
        }
    }

    @Test func priorityReasonsAddUp() {
        let p = TriagePriorityRules.priority(
            intent: .spamTroll, upset: 2, followers: 2_500_000, verified: true, waitingSeconds: 3600,
            hasPersonalData: false, complexity: TriageComplexity(factors: []))
        #expect(p.score == 20)
        #expect(p.reasons == ["spam/troll", "upset", "reach 2.5M", "verified", "waiting 60 min"])
    }

    /// Written before any intent rule was tuned against it; `parley eval` reports per-class
    /// precision and recall on it, so it must not change.
    @Test func intentTestSetIsFrozen() throws {
        let url = TriageTestFiles.fixtures.appendingPathComponent("intent-test.jsonl")
        let bytes = try Data(contentsOf: url)
        #expect(bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 } == 0x6128_0996_5c09_2583)
        struct Row: Decodable {
            var text: String
            var intent: TriageIntent
        }
        let rows = try TriageTestFiles.lines(url).map { try JSONDecoder().decode(Row.self, from: Data($0.utf8)) }
        #expect(rows.count >= 200)
        #expect(Set(rows.map(\.intent)) == Set(TriageIntent.allCases))
    }
}
