import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

@Suite(.serialized) struct DashboardTests {
    @Test func theDashboardShowsBacklogLoadAndStatus() async throws {
        try await withTestApp { app, _ in
            let sue = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            let agents = try await DeskFixtures.agents(app, [(5, .online), (5, .away)])
            let team = try await DeskFixtures.team(app, agents, name: "Billing")
            try await DeskFixtures.waitingCases(app, team: team, count: 7)
            try await ParleyApp.deskWorker(for: app).runOnce()
            try await app.testing().test(.GET, "api/v1/dashboard", headers: sue, afterResponse: { res throws in
                #expect(res.status == .ok)
                let body = res.body.string
                #expect(body.contains(#""team":"Billing""#))
                #expect(body.contains(#""count":7"#))
                #expect(body.contains(#""status":"away""#))
                #expect(body.contains(#""open":5"#))
            })
        }
    }
}
