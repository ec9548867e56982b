import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// The SMTP server the e-mail tests send to: `PARLEY_TEST_SMTP_URL`, delivering into the Maildir
/// `PARLEY_TEST_MAILDIR` (`.ci/run` starts one). Locally the suite skips without them; under
/// `CI=true` it runs and fails.
enum TestSMTP {
    static let url = TestDatabases.environment["PARLEY_TEST_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let maildir = TestDatabases.environment["PARLEY_TEST_MAILDIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let enabled = url != nil || TestDatabases.isCI
    /// The server that requires STARTTLS and AUTH, its Maildir, and the CA its certificate chains to.
    static let tlsURL = TestDatabases.environment["PARLEY_TEST_SMTP_TLS_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let tlsMaildir = TestDatabases.environment["PARLEY_TEST_TLS_MAILDIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let ca = TestDatabases.environment["PARLEY_TEST_SMTP_CA"].flatMap { $0.isEmpty ? nil : $0 }
    static let smtpsURL = TestDatabases.environment["PARLEY_TEST_SMTPS_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The messages in the Maildir whose text contains `marker`.
    static func delivered(containing marker: String, in folder: String? = maildir) throws -> [String] {
        guard let maildir = folder else { throw TestDatabases.Missing(description: "CI=true but PARLEY_TEST_MAILDIR is not set.") }
        let folder = URL(fileURLWithPath: maildir).appendingPathComponent("new")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            .filter { $0.contains(marker) }
    }
}

@Suite(.serialized, .enabled(if: TestSMTP.enabled, "set PARLEY_TEST_SMTP_URL and PARLEY_TEST_MAILDIR (CI=true requires them)"))
struct EscalationMailTests {
    /// Crisis mode on and off each reach the escalation list once, over real SMTP, with the reason.
    @Test func crisisModeIsMailedToTheEscalationListOnce() async throws {
        guard let url = TestSMTP.url else { throw TestDatabases.Missing(description: "CI=true but PARLEY_TEST_SMTP_URL is not set.") }
        try await withTestApp(configure: { config in
            config.desk.smtpURL = url
            config.desk.mailFrom = "parley@brand.example"
            config.desk.escalationEmails = ["comms@brand.example", "legal@brand.example"]
        }) { app, _ in
            _ = try await HandleQueries(database: app.db).upsert(Handle(
                id: UUID(), xUserID: "300", username: "AcmeNews", name: "Acme News", role: .marketing, terms: []))
            _ = try await makeAgent(app, email: "priya@example.com", role: .supervisor)
            let priya = try #require(try await UserQueries(database: app.db).find(email: "priya@example.com"))
            let marker = "outage-\(UUID().uuidString.prefix(8))"
            _ = try await app.actions.crisis.start(reason: "Login \(marker)", handleIDs: nil, by: priya)
            _ = try await app.actions.crisis.end(by: priya)
            let runner = ParleyApp.jobRunner(for: app)
            try await runner.runOnce()
            try await runner.runOnce()
            let mails = try TestSMTP.delivered(containing: marker)
            #expect(mails.count == 2)
            let on = try #require(mails.first { $0.contains("Subject: Crisis mode is on: Login \(marker)") })
            #expect(on.contains("To: comms@brand.example, legal@brand.example"))
            let body = on.components(separatedBy: "\n\n").dropFirst().joined().replacingOccurrences(of: "\n", with: "")
            let text = String(decoding: Data(base64Encoded: body) ?? Data(), as: UTF8.self)
            #expect(text.contains("Scheduled posts paused for: @AcmeNews"))
            #expect(try await JobQueries(database: app.db).all(kind: .escalationEmail).allSatisfy { $0.state == .done })
        }
    }

    /// A relay that is not there: the job fails, stays queued for a retry, and nothing is lost.
    @Test func anUnreachableRelayLeavesTheMailQueued() async throws {
        try await withTestApp(configure: { config in
            config.desk.smtpURL = "smtp://127.0.0.1:9"
            config.desk.escalationEmails = ["comms@brand.example"]
        }) { app, _ in
            _ = try await makeAgent(app, email: "priya@example.com", role: .supervisor)
            let priya = try #require(try await UserQueries(database: app.db).find(email: "priya@example.com"))
            _ = try await HandleQueries(database: app.db).upsert(Handle(
                id: UUID(), xUserID: "300", username: "AcmeNews", name: "Acme News", role: .marketing, terms: []))
            _ = try await app.actions.crisis.start(reason: "Relay down", handleIDs: nil, by: priya)
            try await ParleyApp.jobRunner(for: app).runOnce()
            let job = try #require(try await JobQueries(database: app.db).all(kind: .escalationEmail).first)
            #expect(job.state == .queued)
            #expect(job.attempts == 1)
            #expect(job.lastError?.isEmpty == false)
        }
    }
}
