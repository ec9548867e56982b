import Foundation
import ParleyCore
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// An incident links its cases and sends them its holding statement once, personalised, only
/// when confirmed; every step is on its timeline and the cases' audit trails.
@Suite(.serialized) struct IncidentTests {
    func call(_ app: Application, _ method: HTTPMethod, _ path: String, _ body: [String: Any]?, _ headers: HTTPHeaders) async throws -> (HTTPStatus, [String: Any]) {
        var result: (HTTPStatus, [String: Any]) = (.ok, [:])
        try await app.testing().test(method, path, headers: headers, beforeRequest: { req in
            if let body {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
            }
        }, afterResponse: { res in
            result = (res.status, (try? JSONSerialization.jsonObject(with: Data(buffer: res.body))) as? [String: Any] ?? [:])
        })
        return result
    }

    @Test func theHoldingStatementGoesToEachLinkedCaseOnceAndOnlyWhenConfirmed() async throws {
        try await withTestApp { app, clock in
            let handle = try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let names = ["Ana", "Bo", "Chidi"]
            for (k, name) in names.enumerated() {
                let line = XPostEncoder.v2StreamLine(
                    id: "5\(k)", text: "@AcmeCare the app crashes at login", authorID: "7\(k)", createdAt: clock.now, conversationID: nil,
                    inReplyToPostID: nil, inReplyToUserID: handle.xUserID, author: InboundUser(id: "7\(k)", username: "user\(k)", name: name))
                _ = try await ParleyApp.ingestor(for: app).receive([RawEvent(source: .replay, externalID: "5\(k)", payload: line, receivedAt: clock.now)])
            }
            try await ParleyApp.processor(for: app).drain()
            let conversations = try await ConversationQueries(database: app.db).page(state: .open, handleID: nil, limit: 10, after: nil).items.map(\.conversation.id)
            #expect(conversations.count == 3)
            let agent = try await makeAgent(app, email: "sam@example.com", role: .agent)

            #expect(try await call(app, .POST, "/api/v1/incidents", ["title": "  "], agent).0 == .unprocessableEntity)
            #expect(try await call(app, .POST, "/api/v1/incidents", ["title": "Login down", "severity": "crisis"], agent).0 == .forbidden)
            let (status, created) = try await call(app, .POST, "/api/v1/incidents", ["title": "Login crashes"], agent)
            #expect(status == .created)
            let id = try #require(created["id"] as? String)
            #expect(try await call(app, .POST, "/api/v1/incidents/\(id)/cases", ["conversation_ids": conversations.map(\.uuidString)], agent).0 == .ok)
            #expect(try await call(app, .POST, "/api/v1/incidents/\(id)/holding-statement/send", ["confirm": true], agent).0 == .unprocessableEntity)
            #expect(try await call(app, .PATCH, "/api/v1/incidents/\(id)", ["holding_statement": "Hi {{customer.bogus}}"], agent).0 == .unprocessableEntity)
            #expect(try await call(app, .PATCH, "/api/v1/incidents/\(id)", [
                "holding_statement": "Hi {{customer.name}}, we know the app crashes at login and are fixing it. We'll update you here.",
            ], agent).0 == .ok)

            let (unconfirmed, refusal) = try await call(app, .POST, "/api/v1/incidents/\(id)/holding-statement/send", [:], agent)
            #expect(unconfirmed == .preconditionRequired)
            #expect(((refusal["error"] as? [String: Any])?["message"] as? String)?.contains("3 cases") == true)
            #expect(try await OutboxQueries(database: app.db).countsByState().isEmpty)

            let (sent, report) = try await call(app, .POST, "/api/v1/incidents/\(id)/holding-statement/send", ["confirm": true], agent)
            #expect(sent == .ok)
            #expect(report["queued"] as? Int == 3)
            var texts: [String] = []
            for conversation in conversations {
                texts += try await OutboxQueries(database: app.db).forConversation(conversation).map(\.text)
                let audit = try await AuditQueries(database: app.db).trail(conversation)
                #expect(audit.contains { $0.action == .incident && $0.detail.contains("holding statement") })
            }
            #expect(Set(texts.map { String($0.split(separator: ",")[0]) }) == Set(names.map { "Hi \($0)" }))

            // Again: nothing more goes out.
            #expect(try await call(app, .POST, "/api/v1/incidents/\(id)/holding-statement/send", ["confirm": true], agent).1["queued"] as? Int == 0)
            let detail = try await call(app, .GET, "/api/v1/incidents/\(id)", nil, agent).1
            let timeline = try #require(detail["timeline"] as? [[String: Any]])
            #expect(timeline.count >= 4)
            #expect(timeline.contains { ($0["text"] as? String)?.contains("sent the holding statement to 3 cases") == true })

            // The pages: the list, the incident with its cases and timeline; a supervisor switches crisis mode on from it.
            _ = try await HandleQueries(database: app.db).upsert(Handle(
                id: UUID(), xUserID: "300", username: "AcmeNews", name: "Acme News", role: .marketing, terms: []))
            _ = try await makeAgent(app, email: "priya@example.com", role: .supervisor)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "priya@example.com")
            try await app.testing().test(.GET, "incidents", headers: session, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Login crashes"))
            })
            try await app.testing().test(.GET, "incidents/\(id)", headers: session, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("statement sent"))
                #expect(res.body.string.contains("id=\"incident-crisis\""))
            })
            try await app.testing().test(.POST, "incidents/\(id)/crisis", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf], as: .urlEncodedForm)
            }, afterResponse: { res throws in #expect(res.status == .seeOther) })
            let crisis = try #require(try await CrisisQueries(database: app.db).active())
            #expect(crisis.incidentID?.uuidString == id)
            #expect(crisis.reason == "Login crashes")
            let after = try await call(app, .GET, "/api/v1/incidents/\(id)", nil, agent).1
            #expect((after["timeline"] as? [[String: Any]])?.contains { ($0["text"] as? String)?.contains("switched crisis mode on") == true } == true)
        }
    }
}
