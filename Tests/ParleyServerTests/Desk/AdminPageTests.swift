import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The admin page's forms go through the same checks as the API.
@Suite(.serialized) struct AdminPageTests {
    @Test func anAdminCreatesATeamAndARuleAndABadRuleIsRefusedWithItsReason() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "root@example.com", role: .admin)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "root@example.com")
            try await app.testing().test(.POST, "admin/teams", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "name": "Billing"], as: .urlEncodedForm)
            }, afterResponse: { res throws in #expect(res.status == .seeOther) })
            #expect(try await TeamQueries(database: app.db).find(name: "Billing") != nil)
            try await app.testing().test(.POST, "admin/routing-rules", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "json": #"{"name":"x","conditions":{"regex":"(oops"},"actions":{"tags":["a"]}}"#], as: .urlEncodedForm)
            }, afterResponse: { res throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.contains("does%20not%20compile") == true)
            })
            try await app.testing().test(.POST, "admin/routing-rules", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "json": #"{"name":"Refunds","conditions":{"keywords":["refund"]},"actions":{"tags":["refund"]}}"#], as: .urlEncodedForm)
            }, afterResponse: { res throws in #expect(res.status == .seeOther) })
            #expect(try await RoutingQueries(database: app.db).rules().rules.map(\.rule.name) == ["Refunds"])
            try await app.testing().test(.GET, "admin", headers: session, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Billing"))
                #expect(res.body.string.contains("Refunds"))
            })
        }
    }

    /// A handle's handoff reply is checked like a post, saved, and used for the next messages.
    @Test func anAdminSetsAHandlesHandoffReplyAndTriageUsesIt() async throws {
        try await withTestApp { app, _ in
            let handle = try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            _ = try await makeAgent(app, email: "root@example.com", role: .admin)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "root@example.com")
            try await app.testing().test(.POST, "admin/handoff", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "handle": handle.id.uuidString, "template": "Please DM us."], as: .urlEncodedForm)
            }, afterResponse: { res throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.contains("exactly%20once") == true)
            })
            #expect(try await HandleQueries(database: app.db).find(handle.id)?.handoffTemplate == nil)

            try await app.testing().test(.POST, "admin/handoff", headers: session, beforeRequest: { req in
                try req.content.encode([
                    "csrf": csrf, "handle": handle.id.uuidString, "template": "Let's sort this out in private: {dm_link}",
                    "support_emails": "Help@Acme.example, ",
                ], as: .urlEncodedForm)
            }, afterResponse: { res throws in #expect(res.status == .seeOther) })
            let saved = try #require(try await HandleQueries(database: app.db).find(handle.id))
            #expect(saved.handoffTemplate == "Let's sort this out in private: {dm_link}")
            #expect(saved.supportEmails == ["help@acme.example"])

            _ = try await replayMax(app, [Data(TriageInPipelineTests.piiPost.utf8)])
            let id = StableID.make("conversation", handle.id.uuidString, "8001")
            let detail = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(detail.conversation.triage.suggestedReply == "Let's sort this out in private: https://x.com/messages/compose?recipient_id=100")
            try await app.testing().test(.GET, "admin", headers: session, afterResponse: { res throws in
                #expect(res.body.string.contains("sort this out in private"))
            })
        }
    }

    /// The API takes the same settings under the same checks, and only from an admin.
    @Test func theHandoffAPIChecksAndSavesAndRefusesAnAgent() async throws {
        try await withTestApp { app, _ in
            _ = try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
            let agent = try await makeAgent(app, email: "agent@example.com", role: .agent)
            try await app.testing().test(.PUT, "api/v1/handles/acmecare/handoff", headers: admin, beforeRequest: { req in
                try req.content.encode(["template": "DM us at {dm_link} or {dm_link}"])
            }, afterResponse: { res throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("invalid_template"))
            })
            try await app.testing().test(.PUT, "api/v1/handles/acmecare/handoff", headers: admin, beforeRequest: { req in
                try req.content.encode(HandoffController.HandoffDTO(template: "Over to DM: {dm_link}", supportEmails: ["help@acme.example"]))
            }, afterResponse: { res throws in
                #expect(res.status == .ok)
                let body = try res.content.decode(HandoffController.HandoffDTO.self)
                #expect(body.template == "Over to DM: {dm_link}")
                #expect(body.supportEmails == ["help@acme.example"])
                #expect(body.defaultTemplate == TriageHandoffAdvice.defaultTemplate)
            })
            try await app.testing().test(.GET, "api/v1/handles/AcmeCare/handoff", headers: agent, afterResponse: { res throws in
                #expect(res.status == .forbidden)
            })
            try await app.testing().test(.GET, "api/v1/handles/nobody/handoff", headers: admin, afterResponse: { res throws in
                #expect(res.status == .notFound)
            })
        }
    }
}
