import FluentKit
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// `POST /webhooks/email`: the relay's secret, the journal first, threading by headers and by the
/// case reference, automated mail kept out of cases, HTML shown as text, and what it refuses.
@Suite(.serialized) struct EmailWebhookTests: HTTPTestHelpers {
    static let secret = "relay-secret-0123456789"

    static func mail(id: String, from: String = "Bob Stone <bob@example.com>", to: String = "help@acme.example", subject: String,
                     headers: [String] = [], contentType: String = "text/plain; charset=utf-8", body: String) -> String {
        ([
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Message-ID: <\(id)>", "Date: Fri, 04 Dec 2026 10:00:00 +0000",
            "MIME-Version: 1.0", "Content-Type: \(contentType)",
        ] + headers + ["", body]).joined(separator: "\r\n")
    }

    func post(_ app: Application, _ raw: String, secret: String? = Self.secret, status: HTTPStatus) async throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        try await app.testing().test(.POST, "webhooks/email", headers: secret.map { ["Authorization": "Bearer \($0)"] } ?? [:], beforeRequest: { req in
            req.headers.contentType = HTTPMediaType(type: "message", subType: "rfc822")
            req.body = ByteBuffer(string: raw)
        }, afterResponse: { res throws in
            #expect(res.status == status, "POST webhooks/email: \(res.body.string)")
            headers = res.headers
        })
        return headers
    }

    func journaled(_ app: Application) async throws -> [JournalEventRecord] {
        try await app.db.query(JournalEventRecord.self).filter(\.$source == EventSource.email.rawValue).all()
    }

    func cases(_ app: Application) async throws -> [ConversationDetail] {
        try await app.parleyServices.processor(database: app.db).drain()
        var details: [ConversationDetail] = []
        for record in try await ConversationRecord.query(on: app.db).sort(\.$openedAt).all() {
            if let detail = try await ConversationQueries(database: app.db).detail(try record.requireID()) { details.append(detail) }
        }
        return details
    }

    @Test func withoutASecretTheRouteIsOff() async throws {
        try await withTestApp { app, _ in
            _ = try await post(app, Self.mail(id: "a@x", subject: "Hi", body: "Hello"), status: .serviceUnavailable)
            #expect(try await journaled(app).isEmpty)
        }
    }

    @Test func mailThreadsIntoCasesAndBadMailIsRefusedWithoutLoss() async throws {
        try await withTestApp(configure: { config in
            config.desk.inboundEmailSecret = Self.secret
            config.desk.maxEmailBytes = 20_000
        }) { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: [],
                supportEmails: ["help@acme.example"]))
            // A forged secret: 401, nothing kept.
            _ = try await post(app, Self.mail(id: "1@example.com", subject: "Hi", body: "Hello"), secret: "relay-secret-01234567890", status: .unauthorized)
            _ = try await post(app, Self.mail(id: "1@example.com", subject: "Hi", body: "Hello"), secret: nil, status: .unauthorized)
            #expect(try await journaled(app).isEmpty)

            // A new message to the support address opens a case on the e-mail channel.
            _ = try await post(app, Self.mail(id: "1@example.com", subject: "Refund for order 77", body: "I returned the kettle a month ago.\r\n\r\n-- \r\nBob Stone\r\nStone & Sons"), status: .ok)
            var all = try await cases(app)
            #expect(all.count == 1)
            let first = try #require(all.first)
            #expect(first.conversation.hasEmail && first.customer.xUserID == "email:bob@example.com" && first.customer.name == "Bob Stone")
            #expect(first.messages.first?.subject == "Refund for order 77")
            #expect(first.messages.first?.text == "I returned the kettle a month ago.", "the signature is trimmed")

            // A reply by In-Reply-To joins it, its quote trimmed (the journal keeps the original).
            _ = try await post(app, Self.mail(id: "2@example.com", subject: "Re: Refund for order 77", headers: ["In-Reply-To: <1@example.com>"],
                                              body: "Any news?\r\n\r\nOn Fri, 4 Dec 2026 at 10:00, Bob Stone <bob@example.com> wrote:\r\n> I returned the kettle a month ago."), status: .ok)
            // A reply that kept only the reference in its subject joins it too.
            let reference = first.conversation.reference
            _ = try await post(app, Self.mail(id: "3@example.com", subject: "Fwd: [Case #\(reference)] still waiting", body: "Hello again."), status: .ok)
            // Someone else quoting the reference does not get into Bob's case.
            _ = try await post(app, Self.mail(id: "4@example.com", from: "eve@example.net", subject: "[Case #\(reference)] me too", body: "Let me in."), status: .ok)
            all = try await cases(app)
            #expect(all.count == 2)
            #expect(all[0].messages.map(\.text) == ["I returned the kettle a month ago.", "Any news?", "Hello again."])
            #expect(all[1].customer.xUserID == "email:eve@example.net")

            // An out-of-office answer and a bounce are kept by the journal, and reach no case.
            _ = try await post(app, Self.mail(id: "5@example.com", subject: "Out of office", headers: ["Auto-Submitted: auto-replied", "In-Reply-To: <1@example.com>"], body: "Away until Monday."), status: .ok)
            _ = try await post(app, Self.mail(id: "6@example.com", from: "MAILER-DAEMON@mx.example.com", subject: "Undelivered Mail Returned to Sender", body: "Delivery failed."), status: .ok)
            all = try await cases(app)
            #expect(all.count == 2 && all[0].messages.count == 3)

            // HTML-only mail is read as text: no markup, no script.
            _ = try await post(app, Self.mail(id: "7@example.com", from: "carol@example.org", subject: "<b>Help</b>",
                                              contentType: "text/html; charset=utf-8",
                                              body: "<html><head><script>alert(1)</script></head><body><p>My <b>router</b> &amp; modem</p><img src=x onerror=alert(1)></body></html>"), status: .ok)
            all = try await cases(app)
            let html = try #require(all.last?.messages.first)
            #expect(html.text.contains("My router & modem") && !html.text.contains("<") && !html.text.contains("alert"))
            #expect(html.subject == "<b>Help</b>")
            let (session, _) = try await RoleDenialTests().signIn(app, email: try await makeAgentEmail(app))
            let page = try await self.page(app, "conversations/\(try #require(all.last).conversation.id)", session)
            #expect(page.contains("&lt;b&gt;Help&lt;/b&gt;") && !page.contains("<b>Help</b>"))

            // Not e-mail at all: kept (marked malformed) and answered 422 so the relay stops.
            _ = try await post(app, "this is not\u{0} an e-mail", status: .unprocessableEntity)
            // Too big: 413.
            _ = try await post(app, Self.mail(id: "8@example.com", subject: "Big", body: String(repeating: "x", count: 30_000)), status: .payloadTooLarge)
            let kept = try await journaled(app)
            #expect(kept.count == 8, "seven e-mails and the one that was not; the oversized one was never taken")
            _ = try await app.parleyServices.processor(database: app.db).drain()
            #expect(try await app.db.query(JournalEventRecord.self).filter(\.$status == "malformed").count() == 1)

            // A burst from one sender: 30 a minute, then 429 with Retry-After.
            for index in 0..<30 {
                _ = try await post(app, Self.mail(id: "burst\(index)@example.com", from: "flood@example.com", subject: "x", body: "y"), status: .ok)
            }
            let refused = try await post(app, Self.mail(id: "burst30@example.com", from: "flood@example.com", subject: "x", body: "y"), status: .tooManyRequests)
            #expect(Int(refused.first(name: .retryAfter) ?? "") ?? 0 > 0)
        }
    }

    /// Casey writes on X and, separately, by e-mail; once an agent confirms her address, each
    /// case's customer card lists the other. An address in mail alone joins nothing.
    @Test func aConfirmedAddressJoinsTheCustomersXAndEmailCases() async throws {
        try await withTestApp(configure: { $0.desk.inboundEmailSecret = Self.secret }) { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: [],
                supportEmails: ["help@acme.example"]))
            _ = try await replayMax(app, [Data(ReplyLoopTests.customerPost.utf8)])
            _ = try await post(app, Self.mail(id: "c1@example.com", from: "Casey <casey@example.com>", subject: "My order", body: "It never arrived."), status: .ok)
            let all = try await cases(app)
            let onX = try #require(all.first { $0.conversation.hasPublic })
            let byMail = try #require(all.first { $0.conversation.hasEmail })
            let agent = try await makeAgent(app, email: "agent@example.com", role: .agent)
            let (session, _) = try await RoleDenialTests().signIn(app, email: "agent@example.com")
            #expect(!(try await self.page(app, "conversations/\(onX.conversation.id)", session)).contains("other cases"))

            _ = try await json(app, .POST, "api/v1/conversations/\(onX.conversation.id)/customer-emails", agent, #"{"address":"not an address"}"#, status: .unprocessableEntity)
            _ = try await json(app, .POST, "api/v1/conversations/\(byMail.conversation.id)/customer-emails", agent, #"{"address":"casey@example.com"}"#, status: .unprocessableEntity)
            _ = try await json(app, .POST, "api/v1/conversations/\(onX.conversation.id)/customer-emails", agent, #"{"address":"Casey@Example.com"}"#, status: .ok)
            let xCard = try await self.page(app, "conversations/\(onX.conversation.id)", session)
            #expect(xCard.contains("1 other cases") && xCard.contains("/conversations/\(byMail.conversation.id)") && xCard.contains("casey@example.com"))
            let mailCard = try await self.page(app, "conversations/\(byMail.conversation.id)", session)
            #expect(mailCard.contains("/conversations/\(onX.conversation.id)"))
            let trail = try await AuditQueries(database: app.db).trail(onX.conversation.id)
            #expect(trail.contains { $0.action == .emailConfirmed && $0.detail == "casey@example.com" })
        }
    }

    func makeAgentEmail(_ app: Application) async throws -> String {
        _ = try await makeAgent(app, email: "agent@example.com", role: .agent)
        return "agent@example.com"
    }
}
