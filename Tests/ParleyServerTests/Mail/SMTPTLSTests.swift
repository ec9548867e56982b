import Foundation
import ParleyCore
import Testing
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
