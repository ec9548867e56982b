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
}
