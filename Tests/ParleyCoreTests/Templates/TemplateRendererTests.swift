import Foundation
import Testing
@testable import ParleyCore

/// Rendering for a conversation, then X's text rules: every hole filled or a named error,
/// values never expanded twice, weighted length as X counts it.
@Suite struct TemplateRendererTests {
    let context = TemplateContext(
        customerName: "Ana Lima", customerUsername: "analima", agentName: "Bruno Costa", handleUsername: "AcmeCare",
        handleName: "Acme Care", handleXUserID: "3805104374", helpURL: "https://help.acme.com/returns",
        expectedWait: "We usually reply within 40 minutes")

    func render(_ body: String, _ context: TemplateContext? = nil, channel: Channel = .public) throws -> ReplyTextCheck {
        try TemplateRenderer.render(TemplateBody(parsing: body), context: context ?? self.context, channel: channel)
    }

    @Test func fillsEveryPlaceholder() throws {
        let body = "Hi {{customer.name}} ({{ customer.handle }}), {{agent.first_name}} from {{handle.name}}. "
            + "{{expected_wait}}. DM us: {{dm_link}} or see {{help_url}}"
        let check = try render(body)
        #expect(check.text == "Hi Ana Lima (@analima), Bruno from Acme Care. We usually reply within 40 minutes. "
            + "DM us: https://x.com/messages/compose?recipient_id=3805104374 or see https://help.acme.com/returns")
        #expect(check.isValid)
        #expect(check.limit == 280)
        #expect(!check.text.contains("{{"))
    }

    @Test func urlsWeigh23() throws {
        let check = try render("{{dm_link}} {{help_url}}")
        #expect(check.length == 23 + 1 + 23)
    }

    @Test func aValueIsNeverExpandedAgain() throws {
        var hostile = context
        hostile.customerName = "{{agent.first_name}} {{help_url}}"
        let check = try render("Hi {{customer.name}}!", hostile)
        #expect(check.text == "Hi {{agent.first_name}} {{help_url}}!")
        #expect(!check.text.contains("Bruno"))
        hostile.agentName = "{{customer.name}}"
        #expect(try render("{{agent.first_name}}", hostile, channel: .dm).text == "{{customer.name}}")
    }

    @Test func missingOrBlankValuesAreNamedErrors() throws {
        var missing = context
        missing.helpURL = nil
        #expect(throws: TemplateRenderError.missingValue(.helpURL, owner: "@AcmeCare")) { try render("See {{help_url}}", missing) }
        #expect(TemplateRenderError.missingValue(.helpURL, owner: "@AcmeCare").description == "{{help_url}} has no value for @AcmeCare.")
        missing.expectedWait = "  "
        #expect(throws: TemplateRenderError.missingValue(.expectedWait, owner: "@AcmeCare")) { try render("{{expected_wait}}", missing) }
        missing.agentName = ""
        #expect(throws: TemplateRenderError.missingValue(.agentFirstName, owner: "the signed-in agent")) { try render("{{agent.first_name}}", missing) }
        // A body without the placeholder does not need the value.
        #expect(try render("Thanks!", missing).text == "Thanks!")
    }

    @Test func dmLinkNeedsANumericID() throws {
        var bad = context
        bad.handleXUserID = "123&text=pwned"
        #expect(throws: TemplateRenderError.self) { try render("{{dm_link}}", bad) }
        #expect(TemplateRenderer.dmLink(toXUserID: "42") == "https://x.com/messages/compose?recipient_id=42")
    }

    @Test func aDisplayNameMayNotMentionOrLinkInPublic() throws {
        var hostile = context
        hostile.customerName = "Bob (@elonmusk)"
        #expect(throws: TemplateRenderError.self) { try render("Hi {{customer.name}}", hostile) }
        hostile.customerName = "Bob evil.example.com"
        #expect(throws: TemplateRenderError.self) { try render("Hi {{customer.name}}", hostile) }
        // In a DM to the customer it is their own name.
        #expect(try render("Hi {{customer.name}}", hostile, channel: .dm).text == "Hi Bob evil.example.com")
        hostile.customerName = "Ana @ home, bob@example.com #1 fan"
        #expect(try render("Hi {{customer.name}}", hostile).isValid)
    }

    @Test func emojiAndCJKWeighTwo() throws {
        var wide = context
        wide.customerName = "山田太郎"
        #expect(try render("{{customer.name}}", wide).length == 8)
        wide.customerName = "👩‍👩‍👧‍👦 Fam"
        // A ZWJ family is one emoji (2), then a space and three letters.
        #expect(try render("{{customer.name}}", wide).length == 6)
    }

    @Test func longPublicTextCarriesItsLengthAndThread() throws {
        let body = String(repeating: "Thanks for waiting, {{customer.name}}. ", count: 9) + "{{help_url}}"
        let check = try render(body)
        #expect(!check.isValid)
        #expect(check.length > 280)
        let thread = try #require(check.thread)
        #expect(thread.count == 2)
        #expect(thread[0].hasSuffix(" 1/2"))
        #expect(thread.allSatisfy { TweetTextParser.parse($0).isValid })
        #expect(throws: TemplateRenderError.tooLong(length: check.length, limit: 280, thread: thread)) {
            try TemplateRenderer.renderValid(TemplateBody(parsing: body), context: context, channel: .public)
        }
        // As a DM the same text fits.
        let dm = try render(body, channel: .dm)
        #expect(dm.isValid && dm.limit == 10_000 && dm.thread == nil)
    }

    @Test func checksTheTextAsReplyDraftWill() throws {
        #expect(ReplyTextCheck("  hi  ", channel: .public).text == "hi")
        #expect(throws: TemplateRenderError.empty) { try ReplyTextCheck(" \n", channel: .public).requireValid() }
        #expect(throws: TemplateRenderError.invalidCharacters) { try ReplyTextCheck("a\u{FFFE}b", channel: .public).requireValid() }
        let dm = ReplyTextCheck(String(repeating: "漢", count: 10_001), channel: .dm)
        #expect(dm.length == 10_001 && !dm.isValid)
        #expect(throws: TemplateRenderError.tooLong(length: 10_001, limit: 10_000, thread: nil)) { try dm.requireValid() }
        let exact = ReplyTextCheck(String(repeating: "a", count: 280), channel: .public)
        #expect(exact.isValid && exact.thread == nil)
    }
}
