import Foundation
import ParleyCore
import Testing

@Suite struct MailMessageTests {
    /// A subject is one line: a line break cannot add a header. Addresses are checked.
    @Test func noHeaderCanBeSmuggledIn() throws {
        let message = try MailMessage(from: "parley@brand.example", to: ["comms@brand.example"], subject: "Outage\r\nBcc: everyone@evil.example", body: "x")
        let text = message.rendered(date: Date(timeIntervalSince1970: 0), messageID: "1@parley.local")
        #expect(!text.contains("\r\nBcc:"))
        #expect(text.contains("Subject: Outage Bcc: everyone@evil.example\r\n"))
        #expect(throws: MailMessage.Problem.badAddress("x@y.example>\r\nRCPT TO:<z@w.example")) {
            try MailMessage(from: "parley@brand.example", to: ["x@y.example>\r\nRCPT TO:<z@w.example"], subject: "s", body: "b")
        }
        #expect(throws: MailMessage.Problem.noRecipients) { try MailMessage(from: "parley@brand.example", to: [], subject: "s", body: "b") }
    }

    /// Any body travels intact: UTF-8 in base64, a non-ASCII subject as an encoded word.
    @Test func rendersHeadersAndABase64Body() throws {
        let body = "Crisis: «login outage» 🚨\n.\nA line that is only a dot."
        let message = try MailMessage(from: "parley@brand.example", to: ["comms@brand.example", "legal@brand.example"], subject: "Crise : réseau", body: body)
        let text = message.rendered(date: Date(timeIntervalSince1970: 1_800_000_000), messageID: "abc@parley.local")
        #expect(text.contains("To: comms@brand.example, legal@brand.example\r\n"))
        #expect(text.contains("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        let encoded = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self) == body)
    }

    @Test func readsRepliesAndStuffsDots() {
        var buffer = "250-smtp.example Hello\r\n250-SIZE 1000\r\n250 HELP\r\n354 Go ahead\r\n250 par"
        let replies = SMTPReply.take(from: &buffer)
        #expect(replies == [SMTPReply(code: 250, text: "smtp.example Hello\nSIZE 1000\nHELP"), SMTPReply(code: 354, text: "Go ahead")])
        #expect(buffer == "250 par")
        var partial = "250-first\r\n250-sec"
        #expect(SMTPReply.take(from: &partial).isEmpty)
        partial += "ond\r\n250 last\r\n"
        #expect(SMTPReply.take(from: &partial) == [SMTPReply(code: 250, text: "first\nsecond\nlast")])
        #expect(SMTPReply.dotStuffed("a\r\n.\r\n.b\r\nc") == "a\r\n..\r\n..b\r\nc")
    }
}
