import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The SMTP client against a server that requires STARTTLS and AUTH (`Scripts/ci/start-smtp.sh`):
/// it upgrades, proves the certificate against the CA it was told to trust, signs in, and sends;
/// a wrong password is a permanent refusal; an untrusted certificate sends nothing.
@Suite(.serialized, .enabled(if: TestSMTP.enabled, "set PARLEY_TEST_SMTP_TLS_URL, PARLEY_TEST_TLS_MAILDIR and PARLEY_TEST_SMTP_CA (CI=true requires them)"))
struct SMTPTLSTests {
    func setting() throws -> (url: String, maildir: String, ca: String) {
        guard let url = TestSMTP.tlsURL, let maildir = TestSMTP.tlsMaildir, let ca = TestSMTP.ca else {
            throw TestDatabases.Missing(description: "CI=true but PARLEY_TEST_SMTP_TLS_URL, PARLEY_TEST_TLS_MAILDIR or PARLEY_TEST_SMTP_CA is not set.")
        }
        return (url, maildir, ca)
    }

    @Test func startTLSThenAuthThenSend() async throws {
        let (url, maildir, ca) = try setting()
        let configuration = try #require(SMTPSender.Configuration(url: url, from: "help@acme.example", trustedCAFile: ca))
        #expect(configuration.port == 2526 && !configuration.implicitTLS && configuration.username == "parley")
        let marker = "tls-\(UUID().uuidString.prefix(8))"
        let message = try MailMessage(from: "help@acme.example", to: ["ana@example.com"], subject: "Over TLS \(marker)", body: "Hello")
        try await SMTPSender(configuration: configuration).send(message, at: Date())
        #expect(try TestSMTP.delivered(containing: marker, in: maildir).count == 1)
    }

    @Test func implicitTLSThenAuthThenSend() async throws {
        let (_, maildir, ca) = try setting()
        let url = try #require(TestSMTP.smtpsURL)
        let configuration = try #require(SMTPSender.Configuration(url: url, from: "help@acme.example", trustedCAFile: ca))
        #expect(configuration.implicitTLS && configuration.port == 2527)
        let marker = "smtps-\(UUID().uuidString.prefix(8))"
        let message = try MailMessage(from: "help@acme.example", to: ["ana@example.com"], subject: "Over implicit TLS \(marker)", body: "Hello")
        try await SMTPSender(configuration: configuration).send(message, at: Date())
        #expect(try TestSMTP.delivered(containing: marker, in: maildir).count == 1)
    }

    /// An agent's e-mail answer the relay defers (451) waits and is tried again; one it refuses
    /// (550) fails with the relay's words, and neither is recorded as handed over.
    @Test func theOutboxRetries4xxAndFails5xx() async throws {
        let (url, _, ca) = try setting()
        try await withTestApp(configure: { config in
            config.desk.smtpURL = url
            config.desk.smtpCAFile = ca
            config.desk.mailFrom = "help@acme.example"
        }) { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let agent = try await UserQueries(database: app.db).create(
                email: "agent@example.com", name: "Ana", passwordHash: "x", role: .agent, at: Date(), id: UUID())
            let services = app.parleyServices
            let ingestor = ParleyApp.ingestor(for: app)
            let sender = Sender(
                database: app.db,
                transport: ChannelTransport(
                    x: SandboxTransport(database: app.db, ingestor: ingestor, effects: services.effects),
                    mail: MailTransport(database: app.db, configuration: services.config.desk.smtp, effects: services.effects)),
                ingestor: ingestor, effects: services.effects, metrics: services.metrics, owner: "test", leaseSeconds: 30)
            for (address, expectFailure) in [("tempfail@example.com", false), ("reject@example.com", true)] {
                let request = SupportRequest(
                    id: UUID(), brandSlug: "acme", handleXUserID: "100", name: "Someone", email: address, category: "Question",
                    description: "Where is my parcel?", flow: nil, attachments: [], submittedAt: services.effects.now())
                let sent = try await app.actions.supportForm.submit(request, clientKey: address)
                let item = try await app.actions.reply.run(.init(conversationID: sent.conversationID, text: "On its way.", channel: .email), by: agent)
                let outcome = try await sender.runOnce()
                let stored = try #require(try await OutboxQueries(database: app.db).find(item.id))
                if expectFailure {
                    guard case .failed = outcome else { Issue.record("550 should fail the item, got \(outcome)"); continue }
                    #expect(stored.state == .failed && stored.error?.contains("550") == true)
                } else {
                    guard case .retryLater = outcome else { Issue.record("451 should be tried again, got \(outcome)"); continue }
                    #expect(stored.state == .sending && stored.error?.contains("451") == true, "back to the queue when its backoff runs out")
                }
                #expect(try await MailCommitQueries(database: app.db).find(outboxID: item.id) == nil)
            }
        }
    }

    @Test func aWrongPasswordIsRefusedForGood() async throws {
        let (url, maildir, ca) = try setting()
        let wrong = url.replacingOccurrences(of: "parley-secret", with: "guess")
        let configuration = try #require(SMTPSender.Configuration(url: wrong, from: "help@acme.example", trustedCAFile: ca))
        let marker = "wrong-\(UUID().uuidString.prefix(8))"
        let message = try MailMessage(from: "help@acme.example", to: ["ana@example.com"], subject: marker, body: "Hello")
        do {
            try await SMTPSender(configuration: configuration).send(message, at: Date())
            Issue.record("a wrong password was accepted")
        } catch let refused as SMTPSender.Refused {
            #expect(refused.reply.code == 535 && !refused.isTemporary)
        }
        #expect(try TestSMTP.delivered(containing: marker, in: maildir).isEmpty)
    }

    @Test func aCertificateNobodyVouchedForSendsNothing() async throws {
        let (url, maildir, _) = try setting()
        let configuration = try #require(SMTPSender.Configuration(url: url, from: "help@acme.example"))
        let marker = "untrusted-\(UUID().uuidString.prefix(8))"
        let message = try MailMessage(from: "help@acme.example", to: ["ana@example.com"], subject: marker, body: "Hello")
        await #expect(throws: (any Error).self) { try await SMTPSender(configuration: configuration).send(message, at: Date()) }
        #expect(try TestSMTP.delivered(containing: marker, in: maildir).isEmpty)
    }
}
