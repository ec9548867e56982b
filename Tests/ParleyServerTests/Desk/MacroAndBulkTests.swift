import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// A macro's actions applied under the usual rules; bulk actions; the customer's other cases.
@Suite(.serialized) struct MacroAndBulkTests {
    @Test func aMacroTagsAssignsAndSetsTheStateAndSaysSoInTheAuditTrail() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            let agent = try await makeAgent(app)
            let template = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Refund follow-up", body: "We've started your refund.",
                actions: [.tag("refund"), .assign(.me), .setState(.pending)], at: Date(), id: UUID())
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/apply-macro", headers: agent, beforeRequest: { req in
                try req.content.encode(["template_id": template.id.uuidString])
            }, afterResponse: { res throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let dto = try res.content.decode(ConversationDTO.self)
                #expect(dto.state == "pending")
                #expect(dto.desk?.tags == ["refund"])
                #expect(dto.desk?.assignee?.name == "Ana")
            })
            let trail = try await AuditQueries(database: app.db).trail(id)
            #expect(trail.contains { $0.action == .macro && $0.detail.hasPrefix("Refund follow-up: tagged refund, assigned, set pending") })
        }
    }

    @Test func aMacroThatAssignsSomeoneElseNeedsASupervisor() async throws {
        try await withTestApp { app, _ in
            let id = try await LifecycleTests().seed(app)
            let agent = try await makeAgent(app)
            let other = try await DeskFixtures.agents(app, [(5, .online)])[0]
            let template = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Escalate", body: "Passing you to a specialist.", actions: [.assign(.user(other.id))],
                at: Date(), id: UUID())
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/apply-macro", headers: agent, beforeRequest: { req in
                try req.content.encode(["template_id": template.id.uuidString])
            }, afterResponse: { res throws in #expect(res.status == .forbidden) })
            #expect(try await DeskFieldsQueries(database: app.db).fields([id])[id]?.assigneeID == nil)
        }
    }

    @Test func bulkActionsChangeWhatTheyMayAndReportTheRest() async throws {
        try await withTestApp { app, _ in
            let agents = try await DeskFixtures.agents(app, [(5, .online)])
            let team = try await DeskFixtures.team(app, agents)
            let ids = try await DeskFixtures.waitingCases(app, team: team, count: 3)
            try await AssignmentQueries(database: app.db).assign(ids[2], to: agents[0].id, by: nil, action: .assigned, at: Date(), newID: UUID())
            let ana = try await makeAgent(app)
            try await app.testing().test(.POST, "api/v1/conversations/bulk", headers: ana, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"action":"assign_to_me","ids":["\#(ids[0])","\#(ids[1])","\#(ids[2])"]}"#)
            }, afterResponse: { res throws in
                #expect(res.status == .ok)
                let outcome = try res.content.decode(BulkOutcome.self)
                #expect(outcome.changed == 2)
                #expect(outcome.refused.map(\.id) == [ids[2]])
            })
            try await app.testing().test(.POST, "api/v1/conversations/bulk", headers: ana, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"action":"tag","ids":["\#(ids[0])","\#(ids[1])"],"tags":["outage"]}"#)
            }, afterResponse: { res throws in
                #expect(try res.content.decode(BulkOutcome.self).changed == 2)
            })
            #expect(try await TagQueries(database: app.db).conversations(tagged: "outage").count == 2)
            try await app.testing().test(.POST, "api/v1/conversations/bulk", headers: ana, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"action":"tag","ids":["\#(ids[0])"],"tags":["<b>"]}"#)
            }, afterResponse: { res throws in #expect(res.status == .badRequest) })
        }
    }

    @Test func theCustomerCardListsTheirOtherCases() async throws {
        try await withTestApp(configure: { $0.reopenWindow = 60 }) { app, clock in
            let id = try await LifecycleTests().seed(app)
            let agent = try await makeAgent(app)
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/resolve", headers: agent, afterResponse: { _ in })
            let later = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(3600))
            _ = try await replayMax(app, [LifecycleTests.post("7020", "new problem", at: later, replyTo: "7001")])
            let newCase = try #require(try await ConversationQueries(database: app.db).page(state: .open, handleID: nil, limit: 5, after: nil).items.first?.conversation)
            let others = try await ConversationQueries(database: app.db).otherCases(customerIDs: [newCase.customerID], excluding: newCase.id)
            #expect(others.map(\.id) == [id])
        }
    }
}
