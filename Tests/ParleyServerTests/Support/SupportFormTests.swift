import FluentKit
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The support form over HTTP: what it refuses (robots, haste, bad fields, files that are not
/// what they claim, floods) and what a request becomes (a case on the e-mail channel with its
/// category, the path the customer walked, their files, and an acknowledgement).
@Suite(.serialized) struct SupportFormTests: HTTPTestHelpers {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 200)

    /// The brand `acme` with @AcmeCare (care) and a help category "Billing".
    func setUp(_ app: Application) async throws -> HTTPHeaders {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: ["acme"],
            supportEmails: ["help@acme.example"]))
        let admin = try await makeAgent(app, email: "admin@example.com", role: .admin)
        _ = try await json(app, .POST, "api/v1/brands", admin, #"{"slug":"acme","name":"Acme","handles":["@AcmeCare"]}"#, status: .created)
        _ = try await json(app, .POST, "api/v1/help/categories", admin, #"{"brand":"acme","name":"Billing"}"#, status: .created)
        return admin
    }

    /// The form's time-trap token, read from the page as a browser would.
    func token(_ app: Application, walk: String? = nil) async throws -> (token: String, page: String) {
        let page = try await get(app, "help/acme/contact" + (walk.map { "?walk=\($0)" } ?? "")).body
        let marker = "name=\"t\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return (String(page[start...].prefix { $0 != "\"" }), page)
    }

    /// POSTs the form as multipart, the way a browser sends it.
    func submit(_ app: Application, _ fields: [String: String], files: [(name: String, data: Data)] = [], status: HTTPStatus,
                address: String = "203.0.113.7") async throws -> (body: String, headers: HTTPHeaders) {
        let boundary = "----parley\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachments[]\"; filename=\"\(file.name)\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var result = ("", HTTPHeaders())
        try await app.testing().test(.POST, "help/acme/contact", beforeRequest: { req in
            req.headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
            req.body = ByteBuffer(data: body)
        }, afterResponse: { res throws in
            #expect(res.status == status, "POST contact: \(res.status) \(res.body.string.prefix(400))")
            result = (res.body.string, res.headers)
        })
        return result
    }

    func journaled(_ app: Application) async throws -> Int {
        try await app.db.query(JournalEventRecord.self).filter(\.$source == EventSource.supportForm.rawValue).count()
    }

    @Test func aRequestOpensAnEmailCaseWithItsCategoryPathAndFiles() async throws {
        try await withTestApp { app, clock in
            let admin = try await setUp(app)
            // A walk that ended at "contact us", to come from.
            let flow = try await json(app, .POST, "api/v1/flows", admin, #"{"brand":"acme","title":"Billing help","status":"published","nodes":[{"key":"start","kind":"question","text":"Were you charged twice?","answers":[{"label":"Yes","next":"team"},{"label":"No","next":"ok"}]},{"key":"ok","kind":"solved","text":"Good"},{"key":"team","kind":"contact","text":"We'll look"}]}"#, status: .created)
            let flowID = try #require(UUID(uuidString: flow["id"] as? String ?? ""))
            let walk = try await app.actions.flows.start(flowID)
            _ = try await app.actions.flows.answer(flowID: flowID, walkID: walk.id, choices: [], answer: 0)

            let (token, page) = try await token(app, walk: walk.id.uuidString)
            #expect(page.contains("What you tried in “Billing help”") && page.contains("Were you charged twice? <span class=\"muted\">— Yes"))
            #expect(page.contains("<option value=\"Billing\"") && page.contains("Something else"))
            var fields = ["t": token, "walk": walk.id.uuidString, "category": "Billing", "name": "Ana <b>Ruiz</b>",
                          "email": "ana@example.com", "description": "I was charged twice for my March invoice.\r\nOrder 1234.", "website": ""]

            // Sent at once: quicker than a person types.
            #expect(try await submit(app, fields, status: .unprocessableEntity).body.contains("quicker than anyone types"))
            clock.advance(by: 10)
            // The hidden field filled in: told it went, nothing kept.
            var trapped = fields
            trapped["website"] = "http://spam.example"
            _ = try await submit(app, trapped, status: .seeOther)
            #expect(try await journaled(app) == 0)
            // Every field problem at once, what was typed kept (escaped), a file that is not an image refused.
            var bad = fields
            bad["email"] = "not-an-address"
            bad["category"] = "Hacking"
            let refused = try await submit(app, bad, files: [("invoice.png", Data("<?php echo 1; ?>".utf8))], status: .unprocessableEntity).body
            #expect(refused.contains("is not an e-mail address") && refused.contains("Choose what your message is about"))
            #expect(refused.contains("invoice.png is not an image (PNG, JPEG, GIF, WebP) or a PDF"))
            #expect(refused.contains("value=\"Ana &lt;b&gt;Ruiz&lt;/b&gt;\""))
            #expect(try await journaled(app) == 0)

            fields["t"] = try await self.token(app).token
            clock.advance(by: 10)
            let sent = try await submit(app, fields, files: [("../../screen shot.png", Self.png)], status: .seeOther)
            let location = try #require(sent.headers.first(name: .location))
            #expect(location.hasPrefix("/help/acme/contact/sent?ref="))
            let reference = String(location.suffix(8))
            #expect(try await get(app, String(location.dropFirst())).body.contains("&#35;\(reference)"))
            #expect(try await journaled(app) == 1)

            // The case: on @AcmeCare's inbox, by e-mail, tagged with its category, the path and file named.
            let record = try #require(try await ConversationRecord.query(on: app.db).first())
            let full = try #require(try await ConversationQueries(database: app.db).detail(try record.requireID()))
            let conversation = full.conversation
            #expect(conversation.hasEmail && !conversation.hasPublic && !conversation.hasDM)
            #expect(conversation.reference == reference)
            let message = try #require(full.messages.first)
            #expect(message.kind == .email && message.subject == "Billing: I was charged twice for my March invoice.")
            #expect(message.text.contains("Tried the troubleshooting flow “Billing help”:\nWere you charged twice? — Yes\nEnded: We'll look"))
            #expect(message.text.contains("Attached: screen shot.png (208 bytes)"))
            #expect(full.customer.xUserID == "email:ana@example.com" && full.customer.name == "Ana <b>Ruiz</b>")
            #expect(try await TagQueries(database: app.db).tags(of: conversation.id) == ["billing"])
            let (session, _) = try await RoleDenialTests().signIn(app, email: "admin@example.com")
            let casePage = try await self.page(app, "conversations/\(conversation.id)", session)
            #expect(casePage.contains("id=\"customer-email\">ana@example.com") && casePage.contains("Ana &lt;b&gt;Ruiz&lt;/b&gt;"))
            #expect(casePage.contains("Were you charged twice? — Yes"))
            // The screenshot, from the journal, as a download of its checked type.
            let link = "/conversations/\(conversation.id)/messages/\(message.id)/attachments/0"
            #expect(casePage.contains("href=\"\(link)\" download>screen shot.png</a>"))
            try await app.testing().test(.GET, String(link.dropFirst()), headers: session, afterResponse: { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description == "image/png")
                #expect(res.headers.first(name: .contentDisposition) == "attachment; filename=\"screen shot.png\"")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(Data(buffer: res.body) == Self.png)
            })
            _ = try await get(app, String(link.dropFirst().dropLast()) + "1", headers: session, status: .notFound)

            // The same address three times an hour at most: the next is 429 with Retry-After, and kept out.
            for _ in 0..<2 {
                fields["t"] = try await self.token(app).token
                clock.advance(by: 10)
                _ = try await submit(app, fields, status: .seeOther)
            }
            fields["t"] = try await self.token(app).token
            clock.advance(by: 10)
            let flood = try await submit(app, fields, status: .tooManyRequests)
            #expect(Int(flood.headers.first(name: .retryAfter) ?? "") ?? 0 > 3_000)
            #expect(try await journaled(app) == 3)
        }
    }
}
