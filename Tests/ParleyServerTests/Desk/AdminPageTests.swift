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
                try req.content.encode(["csrf": csrf, "name": "x", "enabled": "on", "regex": "(oops", "tags": "a"], as: .urlEncodedForm)
            }, afterResponse: { res throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.contains("does%20not%20compile") == true)
            })
            try await app.testing().test(.POST, "admin/routing-rules", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "name": "Refunds", "enabled": "on", "keywords": "refund", "tags": "refund"], as: .urlEncodedForm)
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

    /// Rules are made, edited, reordered and deleted with the page's own fields (no JSON).
    @Test func anAdminEditsReordersAndDeletesRoutingRulesWithForms() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "root@example.com", role: .admin)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "root@example.com")
            let billing = try await app.actions.teams.create(named: "Billing")
            func post(_ path: String, _ form: [String: String]) async throws -> String {
                var location = ""
                try await app.testing().test(.POST, path, headers: session, beforeRequest: { req in
                    try req.content.encode(form.merging(["csrf": csrf]) { a, _ in a }, as: .urlEncodedForm)
                }, afterResponse: { res throws in
                    #expect(res.status == .seeOther)
                    location = res.headers.first(name: .location)?.removingPercentEncoding ?? ""
                })
                return location
            }
            _ = try await post("admin/routing-rules", [
                "name": "Refunds", "enabled": "on", "keywords": "refund, chargeback", "intents[]": "complaint", "team": billing.id.uuidString,
                "tags": "refund", "priority": "70"])
            _ = try await post("admin/routing-rules", ["name": "Spam", "enabled": "on", "regex": "free crypto", "resolve_as_spam": "on"])
            var rules = try await RoutingQueries(database: app.db).rules().rules
            #expect(rules.map(\.rule.name) == ["Refunds", "Spam"])
            let refunds = try #require(rules.first)
            #expect(refunds.rule.conditions.keywords == ["refund", "chargeback"])
            #expect(refunds.rule.conditions.intents == [.complaint])
            #expect(refunds.rule.actions == RoutingActions(team: billing.id, tags: ["refund"], priority: 70))

            // The edit form comes back filled in; saving it keeps the rule's id and place.
            try await app.testing().test(.GET, "admin?rule=\(refunds.id.uuidString)", headers: session, afterResponse: { res throws in
                let page = res.body.string
                #expect(page.contains(#"name="id" value="\#(refunds.id.uuidString)""#))
                #expect(page.contains(#"value="refund, chargeback""#))
                #expect(page.contains("team Billing; tag refund; priority 70"))
            })
            _ = try await post("admin/routing-rules", [
                "id": refunds.id.uuidString, "name": "Refunds and chargebacks", "keywords": "refund, chargeback", "tags": "refund"])
            rules = try await RoutingQueries(database: app.db).rules().rules
            #expect(rules.map(\.rule.name) == ["Refunds and chargebacks", "Spam"])
            #expect(rules[0].id == refunds.id)
            #expect(rules[0].rule.enabled == false)

            _ = try await post("admin/routing-rules/\(refunds.id.uuidString)/move", ["direction": "down"])
            #expect(try await RoutingQueries(database: app.db).rules().rules.map(\.rule.name) == ["Spam", "Refunds and chargebacks"])
            let refused = try await post("admin/routing-rules", ["name": "Nowhere", "team": UUID().uuidString])
            #expect(refused.contains("No team"))
            _ = try await post("admin/routing-rules/\(refunds.id.uuidString)/delete", [:])
            #expect(try await RoutingQueries(database: app.db).rules().rules.map(\.rule.name) == ["Spam"])
        }
    }

    /// An SLA policy from the page's fields: targets, a zone, hours per day and holidays; a bad
    /// calendar is refused with its reason; an edit replaces the policy.
    @Test func anAdminMakesAndEditsAnSLAPolicyWithForms() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "root@example.com", role: .admin)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "root@example.com")
            func post(_ form: [String: String]) async throws -> String {
                var location = ""
                try await app.testing().test(.POST, "admin/sla-policies", headers: session, beforeRequest: { req in
                    try req.content.encode(form.merging(["csrf": csrf]) { a, _ in a }, as: .urlEncodedForm)
                }, afterResponse: { res throws in location = res.headers.first(name: .location)?.removingPercentEncoding ?? "" })
                return location
            }
            let week = ["mon": "09:00-12:30, 13:30-17:30", "tue": "09:00-17:30", "wed": "09:00-17:30", "thu": "09:00-17:30", "fri": "09:00-16:00"]
            let refused = try await post(week.merging(["first_response_minutes": "60", "next_response_minutes": "30", "warning_percent": "80",
                                                       "timezone": "Mars/Olympus"]) { a, _ in a })
            #expect(refused.contains("Mars/Olympus"))
            #expect(try await SLAQueries(database: app.db).policies().isEmpty)
            _ = try await post(week.merging(["first_response_minutes": "60", "next_response_minutes": "30", "warning_percent": "75",
                                             "timezone": "Europe/London", "holidays": "2026-12-25, 2026-12-26", "min_priority": "50"]) { a, _ in a })
            let saved = try #require(try await SLAQueries(database: app.db).policies().first)
            #expect(saved.minPriority == 50)
            #expect(saved.policy.warningShare == 0.75)
            #expect(saved.policy.calendar.timeZone.identifier == "Europe/London")
            #expect(saved.policy.calendar.hours?[.mon]?.count == 2)
            #expect(saved.policy.calendar.hours?[.sat] == nil)
            #expect(saved.policy.calendar.holidays.count == 2)
            try await app.testing().test(.GET, "admin?policy=\(saved.id.uuidString)", headers: session, afterResponse: { res throws in
                #expect(res.body.string.contains(#"value="09:00-12:30, 13:30-17:30""#))
                #expect(res.body.string.contains("first reply 60 min, next reply 30 min, warn at 75%"))
            })
            _ = try await post(["id": saved.id.uuidString, "first_response_minutes": "45", "next_response_minutes": "30",
                                "warning_percent": "80", "timezone": "UTC", "all_day": "on"])
            let policies = try await SLAQueries(database: app.db).policies()
            #expect(policies.map(\.id) == [saved.id])
            #expect(policies.first?.policy.firstResponseMinutes == 45)
            #expect(policies.first?.policy.calendar.hours == nil)
        }
    }

    /// A macro from the page's fields (text, tags, assignee, state, move to DM); a bad tag or an
    /// unknown placeholder is refused with its reason and saves nothing; an edit comes back filled
    /// in and replaces the macro; delete removes it. Hostile text is escaped on the page.
    @Test func anAdminMakesEditsAndDeletesAMacroWithForms() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "root@example.com", role: .admin)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "root@example.com")
            func post(_ path: String, _ form: [String: String]) async throws -> String {
                var location = ""
                try await app.testing().test(.POST, path, headers: session, beforeRequest: { req in
                    try req.content.encode(form.merging(["csrf": csrf]) { a, _ in a }, as: .urlEncodedForm)
                }, afterResponse: { res throws in location = res.headers.first(name: .location)?.removingPercentEncoding ?? "" })
                return location
            }
            let templates = TemplateQueries(database: app.db)
            #expect(try await post("admin/templates", ["name": "Refund", "body": "Hi {{customer.name}}", "tags": "late order"])
                .contains(TagRule.message))
            #expect(try await post("admin/templates", ["name": "Refund", "body": "Hi {{customr.name}}"]).contains("customr.name"))
            #expect(try await templates.list(handleID: nil).isEmpty)

            let saved = try await post("admin/templates", [
                "name": "Refund <b>", "body": "Hi {{customer.name}}, <script>x</script> we are on it.", "tags": "refund, Billing",
                "assign": "me", "state": "pending", "move_to_dm": "on",
            ])
            #expect(saved.contains("Template saved."))
            let macro = try #require(try await templates.list(handleID: nil).first)
            #expect(macro.actions == [.tag("refund"), .tag("billing"), .assign(.me), .setState(.pending), .moveToDM])
            try await app.testing().test(.GET, "admin?template=\(macro.id.uuidString)", headers: session, afterResponse: { res throws in
                let page = res.body.string
                #expect(page.contains("tag refund; tag billing; assign to whoever applies it; set pending; move to DM"))
                #expect(page.contains(#"<input type="hidden" name="id" value="\#(macro.id.uuidString)">"#))
                #expect(page.contains(#"value="refund, billing""#))
                #expect(page.contains(#"<option value="pending" selected>"#))
                #expect(!page.contains("<script>x</script>"), "template text is escaped")
                #expect(page.contains("Refund &lt;b&gt;"))
            })

            _ = try await post("admin/templates", ["id": macro.id.uuidString, "name": "Refund", "body": "We are on it.", "state": "resolved"])
            let edited = try await templates.list(handleID: nil)
            #expect(edited.map(\.id) == [macro.id])
            #expect(edited.first?.body == "We are on it.")
            #expect(edited.first?.actions == [.setState(.resolved)])

            #expect(try await post("admin/templates/\(macro.id.uuidString)/delete", [:]).contains("Template deleted."))
            #expect(try await templates.list(handleID: nil).isEmpty)
        }
    }
}
