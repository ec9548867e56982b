import Foundation
import ParleyCore
import Testing

@Suite struct EmailReplyTrimmerTests {
    @Test(arguments: [
        "On Tue, 3 Dec 2026 at 10:00, Acme Support <help@acme.example> wrote:",
        "On Tue, 3 Dec 2026 at 10:00, Acme Support <\nhelp@acme.example> wrote:",
        "On Tue, Dec 3, 2026 at 10:00 AM Acme Support\n<help@acme.example> wrote:",
        "Am 03.12.2026 um 10:00 schrieb Acme Support <help@acme.example>:",
        "Le mar. 3 déc. 2026 à 10:00, Acme Support <help@acme.example> a écrit :",
        "El mar, 3 dic 2026 a las 10:00, Acme Support (<help@acme.example>) escribió:",
    ])
    func cutsAtTheQuoteHeader(header: String) {
        let reply = "Thanks, that fixed it!\n\n\(header)\n\n> Please try restarting the router.\n>\n> Acme"
        #expect(EmailReplyTrimmer.visible(reply) == "Thanks, that fixed it!")
    }

    @Test func cutsAtAnOutlookOriginalMessage() {
        let reply = """
            Yes, please cancel it.

            -----Original Message-----
            From: Acme Support <help@acme.example>
            Sent: Tuesday, December 3, 2026 10:00 AM
            To: Jane Doe <jane@example.com>
            Subject: RE: Order 1234

            Would you like us to cancel?
            """
        #expect(EmailReplyTrimmer.visible(reply) == "Yes, please cancel it.")
    }

    @Test(arguments: [
        "________________________________\nFrom: Acme Support <help@acme.example>\nSent: Tuesday, December 3, 2026 10:00 AM\nTo: Jane",
        "From: Acme Support <help@acme.example>\nDate: Tuesday, December 3, 2026 at 10:00\nTo: Jane",
        "*From:* Acme Support <help@acme.example>\n*Sent:* Tuesday, December 3, 2026 10:00 AM",
        "De : Acme Support <help@acme.example>\nEnvoyé : mardi 3 décembre 2026 10:00\nÀ : Jane",
    ])
    func cutsAtAnOutlookHeaderBlock(block: String) {
        let reply = "Yes please.\n\n\(block)\nSubject: RE: Order\n\nOld text"
        #expect(EmailReplyTrimmer.visible(reply) == "Yes please.")
    }

    /// What was forwarded is what the customer wants read.
    @Test func keepsAForwardedMessage() {
        let reply = "See below.\n\n---------- Forwarded message ---------\nFrom: Shop <shop@example.com>\nDate: Tue, 3 Dec 2026\nSubject: Your order\n\nShipped."
        #expect(EmailReplyTrimmer.visible(reply) == reply)
    }

    @Test func cutsAtTheSignatureDelimiter() {
        let reply = ["Please call me back.", "", "-- ", "Jane Doe", "Head of Operations"].joined(separator: "\n")
        #expect(EmailReplyTrimmer.visible(reply) == "Please call me back.")
        #expect(EmailReplyTrimmer.visible("Call me.\n--\nJane") == "Call me.")
        #expect(EmailReplyTrimmer.visible("Before\n---\nAfter") == "Before\n---\nAfter")
    }

    @Test(arguments: ["Sent from my iPhone", "Sent from my Android", "Get Outlook for iOS", "Von meinem iPhone gesendet"])
    func cutsAMobileSignature(signature: String) {
        let reply = "Sounds good, thanks!\n\n\(signature)\n\nOn Tue, 3 Dec 2026 at 10:00, Acme Support <help@acme.example> wrote:\n> Hello"
        #expect(EmailReplyTrimmer.visible(reply) == "Sounds good, thanks!")
        #expect(EmailReplyTrimmer.visible("Sounds good!\r\n\r\n\(signature)\r\n") == "Sounds good!")
    }

    /// Only in the last lines is it a signature.
    @Test func keepsSentFromInTheBody() {
        let reply = "Sent from my iPhone is what the old app said.\nLine two\nLine three\nLine four"
        #expect(EmailReplyTrimmer.visible(reply) == reply)
    }

    @Test func cutsQuotedLinesRunningToTheEnd() {
        #expect(EmailReplyTrimmer.visible("Answer one\n> question one\nAnswer two\n> question two\n>\n> more\n\n") == "Answer one\n> question one\nAnswer two")
    }

    /// Trimming never empties a reply: all quote, or a quote header first, returns it all.
    @Test func neverReturnsNothing() {
        #expect(EmailReplyTrimmer.visible("> just quoted\n> text\n") == "> just quoted\n> text")
        #expect(EmailReplyTrimmer.visible("On Tue, 3 Dec 2026, Acme <help@acme.example> wrote:\n> Hi\n") == "On Tue, 3 Dec 2026, Acme <help@acme.example> wrote:\n> Hi")
        #expect(EmailReplyTrimmer.visible("  \n") == "")
        #expect(EmailReplyTrimmer.visible("") == "")
    }

    @Test func trimsBlankLinesAround() {
        #expect(EmailReplyTrimmer.visible("\n\n  Hello\n\n   \n") == "  Hello")
    }

    /// An HTML-only reply: its blockquote becomes "> " lines the trimmer cuts.
    @Test func trimsAConvertedHTMLReply() {
        let html = #"<div dir="ltr">Got it, thanks.</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, 3 Dec 2026 at 10:00, Acme &lt;help@acme.example&gt; wrote:<br></div><blockquote><div>Your ticket</div></blockquote></div>"#
        #expect(EmailReplyTrimmer.visible(HTMLToText.text(html)) == "Got it, thanks.")
    }
}
