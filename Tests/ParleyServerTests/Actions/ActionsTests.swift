import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The actions layer itself: the rules every entry point shares, one transaction per change, and
/// the change notices published once a change has committed.
@Suite(.serialized) struct ActionsTests {
    private func user(_ app: Application, _ email: String = "agent@example.com") async throws -> DeskUser {
        try #require(try await UserQueries(database: app.db).find(email: email))
    }

    @Test func anAutomatedPublicReplyIsRefusedUntilAnAdminTurnsAutoRepliesOn() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            let handle = StableID.make("handle", "100")
            let input = ReplyAction.Input(conversationID: id, text: "Thanks, we're on it.", channel: .public)
            await #expect(throws: ReplyPolicyError.automatedPublicReply(handle: "AcmeCare")) {
                _ = try await app.actions.reply.run(input, automation: "acknowledgement rule")
            }
            let before = try await OutboxQueries(database: app.db).forConversation(id)
            #expect(before.isEmpty)

            try await app.actions.handleSettings.setAutoReplies(handle, enabled: true)
            let item = try await app.actions.reply.run(input, automation: "acknowledgement rule")
            #expect(item.channel == .public)
            #expect(item.createdBy == nil)
            let trail = try await AuditQueries(database: app.db).trail(id)
            #expect(trail.map(\.detail) == ["acknowledgement rule: public reply queued"])
            #expect(trail.first?.actorID == nil)
        }
    }

    @Test func anAgentsPublicReplyNeedsNoAutoReplies() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            _ = try await makeAgent(app)
            let item = try await app.actions.reply.run(
                .init(conversationID: id, text: "Sorry about that, checking now.", channel: .public), by: try await user(app))
            #expect(item.state == .queued)
        }
    }

    @Test func moveToDMSendsTheHandoffReplyAndMarksTheCase() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            let headers = try await makeAgent(app)
            let handle = StableID.make("handle", "100")
            try await app.actions.handleSettings.setHandoff(
                handle, template: "Let's sort this out privately: {dm_link}", supportEmails: [])
            let template = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Take it to DM", body: "x", actions: [.moveToDM], at: Date(), id: UUID())
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/apply-macro", headers: headers, beforeRequest: { req in
                try req.content.encode(["template_id": template.id.uuidString])
            }, afterResponse: { res throws in
                #expect(res.status == .ok, "\(res.body.string)")
                #expect(try res.content.decode(ConversationDTO.self).desk?.tags == ["moved-to-dm"])
            })
            let outbox = try await OutboxQueries(database: app.db).forConversation(id)
            #expect(outbox.map(\.text) == ["Let's sort this out privately: https://x.com/messages/compose?recipient_id=100"])
            #expect(outbox.map(\.channel) == [.public])
        }
    }

    @Test func moveToDMWithTheAgentsOwnPublicReplySendsOnlyThatReply() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            _ = try await makeAgent(app)
            let template = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Take it to DM", body: "x", actions: [.moveToDM], at: Date(), id: UUID())
            _ = try await app.actions.reply.run(
                .init(conversationID: id, text: "Please DM us your order number.", channel: .public, macroID: template.id),
                by: try await user(app))
            let outbox = try await OutboxQueries(database: app.db).forConversation(id)
            #expect(outbox.map(\.text) == ["Please DM us your order number."])
            #expect(try await TagQueries(database: app.db).tags(of: id) == ["moved-to-dm"])
        }
    }

    @Test func aReplyWhoseMacroIsRefusedLeavesNothingBehind() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            _ = try await makeAgent(app)
            let other = try await DeskFixtures.agents(app, [(5, .online)])[0]
            // Assigning someone else takes a supervisor: the macro is refused after the reply was written.
            let template = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Escalate", body: "x", actions: [.tag("escalated"), .assign(.user(other.id))], at: Date(), id: UUID())
            await #expect(throws: DeskError.self) {
                _ = try await app.actions.reply.run(
                    .init(conversationID: id, text: "Passing you on.", channel: .public, macroID: template.id), by: try await user(app))
            }
            let outbox = try await OutboxQueries(database: app.db).forConversation(id)
            let trail = try await AuditQueries(database: app.db).trail(id)
            let tags = try await TagQueries(database: app.db).tags(of: id)
            let lock = try await CollisionQueries(database: app.db).lock(id, at: Date())
            #expect(outbox.isEmpty)
            #expect(trail.isEmpty)
            #expect(tags.isEmpty)
            #expect(lock == nil)
        }
    }

    @Test func theDeskPassPublishesWhatItRoutesAndAssigns() async throws {
        try await withTestApp { app, _ in
            let agents = try await DeskFixtures.agents(app, [(5, .online)])
            _ = try await DeskFixtures.team(app, agents)
            let id = try await LifecycleTests().seed(app)
            let (subscription, stream) = await app.parleyServices.hub.subscribe()
            let report = try await ParleyApp.deskWorker(for: app).runOnce()
            #expect(report.routed == 1)
            #expect(report.assigned == 1)
            await app.parleyServices.hub.unsubscribe(subscription)
            var reasons: [String] = []
            for await notice in stream where notice.conversationIDs.contains(id) { reasons.append(notice.reason) }
            #expect(reasons.contains("routed"))
            #expect(reasons.contains("assigned"))
        }
    }

    @Test func domainRulesAnswerWithoutADatabase() throws {
        let agent = DeskUser(id: UUID(), email: "a@example.com", name: "Ana", role: .agent, status: .online)
        let supervisor = DeskUser(id: UUID(), email: "s@example.com", name: "Sam", role: .supervisor, status: .online)
        let holder = UUID()
        #expect(throws: DeskError.forbidden("Only a supervisor may assign a case to someone else.")) {
            try AssignmentRule.check(actor: agent, target: holder, holder: nil, holderName: nil)
        }
        #expect(throws: DeskError.conflict(code: "assigned", "Ben has this case; a supervisor can reassign it.")) {
            try AssignmentRule.check(actor: agent, target: agent.id, holder: holder, holderName: "Ben")
        }
        try AssignmentRule.check(actor: supervisor, target: agent.id, holder: holder, holderName: "Ben")
        try AssignmentRule.check(actor: agent, target: nil, holder: agent.id, holderName: "Ana")
        #expect(AssignmentRule.action(actor: agent.id, target: agent.id) == .took)
        #expect(AssignmentRule.action(actor: agent.id, target: nil) == .unassigned)
        #expect(throws: DeskError.invalid(code: "invalid_tag", TagRule.message)) { try TagRule.normalize(all: ["ok", "not ok"]) }
        #expect(try TagRule.normalize(all: [" Billing ", "billing", "lang:es"]) == ["billing", "lang:es"])
        for state in ConversationState.allCases {
            #expect(DeskAction.Kind(moving: state).targetState == state)
        }
    }

    /// `{{help_url}}` comes from the handle's help-centre link and `{{expected_wait}}` from its
    /// published availability; a bad link is refused.
    @Test func templatesFillTheHelpLinkAndTheExpectedWait() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            let headers = try await makeAgent(app)
            let handle = StableID.make("handle", "100")
            await #expect(throws: DeskError.self) { try await app.actions.handleSettings.setHelpURL(handle, url: "javascript:alert(1)") }
            try await app.actions.handleSettings.setHelpURL(handle, url: "https://help.acme.example/returns")
            let template = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Self-service", body: "{{expected_wait}} Meanwhile: {{help_url}}", actions: [], at: Date(), id: UUID())
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/render-template", headers: headers, beforeRequest: { req in
                try req.content.encode(RenderTemplateInputDTO(templateID: template.id, channel: .dm))
            }, afterResponse: { res throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let text = try res.content.decode(TextCheckDTO.self).text
                #expect(text == "We usually reply within 60 minutes. Meanwhile: https://help.acme.example/returns")
            })
        }
    }

    /// Pages show times in the viewer's zone (the `tz` cookie their browser sets), UTC until then.
    @Test func pagesShowTimesInTheViewersZone() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)  // the customer wrote at 2026-11-20 10:00 UTC
            _ = try await makeAgent(app)
            var (headers, _) = try await RoleDenialTests().signIn(app, email: "agent@example.com")
            try await app.testing().test(.GET, "conversations/\(id)/messages", headers: headers, afterResponse: { res throws in
                #expect(res.body.string.contains("2026-11-20 10:00 UTC"), "\(res.body.string)")
            })
            headers.replaceOrAdd(name: .cookie, value: try #require(headers.first(name: .cookie)) + "; tz=America/New_York")
            try await app.testing().test(.GET, "conversations/\(id)/messages", headers: headers, afterResponse: { res throws in
                #expect(res.body.string.contains("2026-11-20 05:00 EST"), "\(res.body.string)")
            })
        }
    }
}
