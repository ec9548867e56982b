import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// An agent who only uses the browser: signing in puts them online, the header sets their status,
/// signing out takes them offline.
@Suite(.serialized) struct AgentStatusPageTests {
    @Test func signingInSetsOnlineTheHeaderSetsAwayAndSigningOutSetsOffline() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "ana@example.com")
            let id = try #require(try await UserQueries(database: app.db).find(email: "ana@example.com")).id
            #expect(try await AgentQueries(database: app.db).profile(id)?.load.status == .offline)
            let cookie = try await InboxPageTests().signIn(app)
            #expect(try await AgentQueries(database: app.db).profile(id)?.load.status == .online)
            var csrf = ""
            try await app.testing().test(.GET, "inbox", headers: cookie, afterResponse: { res in
                let html = res.body.string
                #expect(html.contains(#"<option value="online" selected>Online</option>"#))
                csrf = try #require(InboxPageTests.hiddenCSRF(in: html))
            })
            try await app.testing().test(.POST, "me/status", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "status": "away"], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .seeOther) })
            #expect(try await AgentQueries(database: app.db).profile(id)?.load.status == .away)
            try await app.testing().test(.POST, "me/status", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "status": "asleep"], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .badRequest) })
            try await app.testing().test(.POST, "logout", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": csrf], as: .urlEncodedForm)
            })
            #expect(try await AgentQueries(database: app.db).profile(id)?.load.status == .offline)
        }
    }
}
