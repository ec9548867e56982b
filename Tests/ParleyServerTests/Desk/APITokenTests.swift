import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// API tokens people manage: scopes refused on the routes they do not cover, ingest only for an
/// ingest token (never a session), expiry and revocation answered 401 with the reason, a rate
/// limit with Retry-After, and the management routes' rules.
@Suite(.serialized) struct APITokenTests: HTTPTestHelpers {
    static let post = ReplyLoopTests.customerPost

    func status(_ app: Application, _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, body: String? = nil) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        try await app.testing().test(method, path, headers: headers, beforeRequest: { req in
            if let body {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: body)
            }
        }, afterResponse: { res in result = (res.status, res.body.string, res.headers) })
        return result
    }

    @Test func eachScopeOpensOnlyItsRoutes() async throws {
        try await withTestApp { app, _ in
            let read = try await makeAgent(app, email: "read@example.com", role: .admin, scopes: [.read])
            let write = try await makeAgent(app, email: "write@example.com", role: .admin, scopes: [.write])
            let admin = try await makeAgent(app, email: "admin@example.com", role: .admin, scopes: [.admin])
            let ingest = try await makeAgent(app, email: "ingest@example.com", role: .admin, scopes: [.ingest])
            let team = #"{"name":"Night shift"}"#
            #expect(try await status(app, .GET, "api/v1/conversations", read).0 == .ok)
            let refused = try await status(app, .POST, "api/v1/teams", read, body: team)
            #expect(refused.0 == .forbidden && refused.1.contains("lacks the admin scope"))
            #expect(try await status(app, .POST, "api/v1/teams", write, body: team).0 == .forbidden)
            #expect(try await status(app, .POST, "api/v1/teams", admin, body: team).0 == .created)
            #expect(try await status(app, .PUT, "api/v1/me/status", read, body: #"{"status":"online"}"#).1.contains("lacks the write scope"))
            #expect(try await status(app, .PUT, "api/v1/me/status", write, body: #"{"status":"online"}"#).0 == .ok)
            // Raw X payloads: only an ingest token, not an admin's read/write/admin one, not a session.
            for headers in [read, write, admin] {
                #expect(try await status(app, .POST, "api/v1/events", headers, body: Self.post).0 == .forbidden)
            }
            #expect(try await status(app, .GET, "api/v1/conversations", ingest).0 == .forbidden)
            #expect(try await status(app, .POST, "api/v1/events", ingest, body: Self.post).0 == .accepted)
            let session = try await RoleDenialTests().signIn(app, email: "admin@example.com")
            var form = session.headers
            form.add(name: "X-CSRF-Token", value: session.csrf)
            let fromBrowser = try await status(app, .POST, "api/v1/events", form, body: Self.post)
            #expect(fromBrowser.0 == .forbidden && fromBrowser.1.contains("ingest scope"))
        }
    }

    @Test func expiredRevokedAndBusyTokensAreRefusedWithTheReason() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock, configure: { $0.desk.tokenRateLimit = 3 }) { app, clock in
            let me = try await makeAgent(app, email: "me@example.com", role: .agent)
            // Made through the API: 30 days, read only; the secret is shown once, never listed.
            let made = try await json(app, .POST, "api/v1/tokens", me, #"{"name":"reporting","scopes":["read"],"expires_in_days":30}"#, status: .created)
            let secret = try #require(made["token"] as? String)
            var reporting = HTTPHeaders()
            reporting.bearerAuthorization = BearerAuthorization(token: secret)
            #expect(try await status(app, .GET, "api/v1/conversations", reporting).0 == .ok)
            let listed = try await status(app, .GET, "api/v1/tokens", me)
            #expect(listed.1.contains("\"reporting\"") && !listed.1.contains(secret) && listed.1.contains("last_used_at"))
            // The third request in the minute is the last; the fourth waits.
            _ = try await status(app, .GET, "api/v1/conversations", reporting)
            _ = try await status(app, .GET, "api/v1/conversations", reporting)
            let busy = try await status(app, .GET, "api/v1/conversations", reporting)
            #expect(busy.0 == .tooManyRequests && busy.2.first(name: "Retry-After").flatMap(Int.init).map { $0 > 0 && $0 <= 60 } == true)
            clock.advance(by: 61)
            #expect(try await status(app, .GET, "api/v1/conversations", reporting).0 == .ok)
            clock.advance(by: 31 * 86_400)
            let expired = try await status(app, .GET, "api/v1/conversations", reporting)
            #expect(expired.0 == .unauthorized && expired.1.contains("expired"))
            // Revoked: refused from then on.
            clock.advance(by: 61)
            let other = try await json(app, .POST, "api/v1/tokens", me, #"{"name":"ci","scopes":["read","write"]}"#, status: .created)
            var ci = HTTPHeaders()
            ci.bearerAuthorization = BearerAuthorization(token: try #require(other["token"] as? String))
            #expect(try await status(app, .GET, "api/v1/conversations", ci).0 == .ok)
            _ = try await json(app, .DELETE, "api/v1/tokens/\(try #require(other["id"] as? String))", me, status: .ok)
            let revoked = try await status(app, .GET, "api/v1/conversations", ci)
            #expect(revoked.0 == .unauthorized && revoked.1.contains("revoked"))
            clock.advance(by: 61)
            // An agent cannot give a token admin or ingest, nor make one for someone else; unknown scopes and fields say so.
            #expect(try await status(app, .POST, "api/v1/tokens", me, body: #"{"name":"x","scopes":["ingest"]}"#).0 == .badRequest)
            let admin = try await makeAgent(app, email: "boss@example.com", role: .admin)
            let bossID = try #require(try await UserQueries(database: app.db).find(email: "boss@example.com")?.id)
            #expect(try await status(app, .POST, "api/v1/tokens", me, body: #"{"name":"x","scopes":["read"],"user":"\#(bossID)"}"#).0 == .forbidden)
            clock.advance(by: 61)
            #expect(try await status(app, .POST, "api/v1/tokens", me, body: #"{"name":"x","scopes":["root"]}"#).1.contains("Unknown scope 'root'"))
            #expect(try await status(app, .POST, "api/v1/tokens", me, body: #"{"name":"x","scopes":["read"],"expires":1}"#).1.contains("Unknown field 'expires'"))
            #expect(try await status(app, .POST, "api/v1/tokens", admin, body: #"{"name":"feed","scopes":["ingest"]}"#).0 == .created)
        }
    }

    /// An admin makes a token on the admin page (the secret on its own page, once), uses it, and revokes it there.
    @Test func theAdminPageMakesListsAndRevokesTokens() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "admin@example.com", role: .admin)
            let owner = try #require(try await UserQueries(database: app.db).find(email: "admin@example.com"))
            let session = try await RoleDenialTests().signIn(app, email: "admin@example.com")
            var made = ""
            try await app.testing().test(.POST, "admin/tokens", headers: session.headers, beforeRequest: { req in
                try req.content.encode(["csrf": session.csrf, "user": owner.id.uuidString, "name": "warehouse <b>feed</b>", "read": "on", "ingest": "on", "expires_days": "30"],
                                       as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .ok && res.headers.first(name: .cacheControl) == "no-store")
                made = res.body.string
            })
            let secret = try #require(made.range(of: "<code id=\"token-secret\">").flatMap { start in
                made[start.upperBound...].range(of: "</code>").map { String(made[start.upperBound..<$0.lowerBound]) }
            })
            #expect(secret.hasPrefix("pk_") && made.contains("warehouse &lt;b&gt;feed&lt;/b&gt;"))
            var feed = HTTPHeaders()
            feed.bearerAuthorization = BearerAuthorization(token: secret)
            #expect(try await status(app, .POST, "api/v1/events", feed, body: Self.post).0 == .accepted)
            let adminPage = try await page(app, "/admin", session.headers)
            #expect(adminPage.contains("read ingest") && !adminPage.contains(secret))
            let token = try #require(try await UserQueries(database: app.db).tokens(of: owner.id).first { $0.name.hasPrefix("warehouse") })
            let back = try await form(app, "/admin/tokens/\(token.id)/revoke", session.headers, ["csrf": session.csrf])
            #expect(back.contains("Token revoked."))
            #expect(try await status(app, .POST, "api/v1/events", feed, body: Self.post).0 == .unauthorized)
        }
    }
}
