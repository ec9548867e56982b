import FluentKit
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The e-mail channel end to end over a real SMTP server (`TestSMTP`): the support form's
/// acknowledgement, an agent's answer sent once although the sender dies between the server's 250
/// and its own record, and the customer's reply to it coming back through `/webhooks/email` into
/// the same case.
@Suite(.serialized, .enabled(if: TestSMTP.enabled, "set PARLEY_TEST_SMTP_URL and PARLEY_TEST_MAILDIR (CI=true requires them)"))
struct EmailRoundTripTests: HTTPTestHelpers {
    func sender(_ app: Application, faults: Sender.Faults = Sender.Faults(), owner: String) -> Sender {
        let services = app.parleyServices
        let ingestor = ParleyApp.ingestor(for: app)
        return Sender(
            database: app.db,
            transport: ChannelTransport(
                x: SandboxTransport(database: app.db, ingestor: ingestor, effects: services.effects),
                mail: MailTransport(database: app.db, configuration: services.config.desk.smtp, effects: services.effects)),
            ingestor: ingestor, effects: services.effects, metrics: services.metrics, owner: owner, leaseSeconds: 30, faults: faults)
    }

    /// The header `name` of a delivered message.
    func header(_ name: String, in mail: String) -> String? {
        mail.components(separatedBy: "\n").first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func body(of mail: String) -> String {
        let parts = mail.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        return String(decoding: Data(base64Encoded: parts.dropFirst().joined().replacingOccurrences(of: "\n", with: "")) ?? Data(), as: UTF8.self)
    }

    @Test func acknowledgedAnsweredOnceAndTheReplyComesBack() async throws {
        guard let url = TestSMTP.url else { throw TestDatabases.Missing(description: "CI=true but PARLEY_TEST_SMTP_URL is not set.") }
        try await withTestApp(configure: { config in
            config.desk.smtpURL = url
            config.desk.mailFrom = "help@acme.example"
            config.desk.inboundEmailSecret = EmailWebhookTests.secret
        }) { app, clock in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: [],
                supportEmails: ["help@acme.example"]))
            let agent = try await makeAgent(app, email: "agent@example.com", role: .agent)
            let marker = "kettle-\(UUID().uuidString.prefix(8))"
            let request = SupportRequest(
                id: UUID(), brandSlug: "acme", handleXUserID: "100", name: "Ana Ruiz", email: "ana@example.com", category: "Billing",
                description: "Charged twice \(marker)", flow: nil, attachments: [], submittedAt: clock.now)
            let sent = try await app.actions.supportForm.submit(request, clientKey: "test")

            // The acknowledgement, over SMTP, with the case reference, threaded to the request.
            try await ParleyApp.jobRunner(for: app).runOnce()
            let acks = try TestSMTP.delivered(containing: marker).filter { $0.contains("We got your message") }
            #expect(acks.count == 1)
            let ack = try #require(acks.first)
            #expect(header("Subject", in: ack)?.contains("[Case #\(sent.reference)]") == true)
            #expect(header("In-Reply-To", in: ack) == "<\(request.messageID)>")
            #expect(body(of: ack).contains("Your case reference is #\(sent.reference)"))

            // A minute later the agent answers by e-mail; the sender dies right after the server's 250.
            clock.advance(by: 60)
            var outboxID: UUID?
            try await app.testing().test(.POST, "api/v1/conversations/\(sent.conversationID)/replies", headers: agent, beforeRequest: { req in
                try req.content.encode(["text": "We refunded the second charge.", "channel": "email"])
            }, afterResponse: { res in
                #expect(res.status == .accepted, "\(res.body.string)")
                outboxID = try res.content.decode(OutboxItemDTO.self).id
            })
            await #expect(throws: Sender.InjectedCrash.self) {
                try await sender(app, faults: Sender.Faults(crashAfterDelivery: true), owner: "doomed").runOnce()
            }
            clock.advance(by: 31)
            let outcome = try await sender(app, owner: "survivor").runOnce()
            guard case .reconciled = outcome else { Issue.record("expected reconciled, got \(outcome)"); return }
            let answers = try TestSMTP.delivered(containing: marker).filter { header("Subject", in: $0)?.hasPrefix("Re: ") == true }
            #expect(answers.count == 1, "sent once, although the first sender died after the 250")
            let answer = try #require(answers.first)
            #expect(header("To", in: answer) == "ana@example.com")
            #expect(header("In-Reply-To", in: answer) == "<\(request.messageID)>")
            let text = body(of: answer)
            #expect(text.hasPrefix("We refunded the second charge.\n\nOn ") && text.contains("Ana Ruiz wrote:\n> Charged twice \(marker)"))
            #expect(try await OutboxQueries(database: app.db).find(try #require(outboxID))?.state == .sent)

            // The customer answers it; the relay POSTs the reply, and it lands in the same case.
            let answerID = try #require(header("Message-ID", in: answer)).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            let reply = EmailWebhookTests.mail(
                id: "ana-reply-\(marker)@example.com", from: "Ana Ruiz <ana@example.com>", subject: "Re: " + (header("Subject", in: answer) ?? ""),
                headers: ["In-Reply-To: <\(answerID)>", "References: <\(request.messageID)> <\(answerID)>"],
                body: "Thank you!\r\n\r\nOn Fri, 4 Dec 2026, Acme wrote:\r\n> We refunded the second charge.")
            try await app.testing().test(.POST, "webhooks/email", headers: ["Authorization": "Bearer \(EmailWebhookTests.secret)"], beforeRequest: { req in
                req.body = ByteBuffer(string: reply)
            }, afterResponse: { res in #expect(res.status == .ok, "\(res.body.string)") })
            try await ParleyApp.processor(for: app).drain()
            let detail = try #require(try await ConversationQueries(database: app.db).detail(sent.conversationID))
            #expect(detail.messages.map(\.kind) == [.email, .ownEmail, .email])
            #expect(detail.messages.last?.text == "Thank you!")
            #expect(detail.messages[1].text == "We refunded the second charge.", "the brand's own quote is trimmed for display too")
            #expect(try await ConversationRecord.query(on: app.db).count() == 1)
        }
    }
}
