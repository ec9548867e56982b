import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Every route marked for a supervisor or an admin refuses an agent, by API token and by a
/// signed-in session (with a valid CSRF token, so it is the role check that refuses).
@Suite(.serialized) struct RoleDenialTests {
    /// The marked routes, with `:parameters` filled by fresh ids.
    static func gatedRoutes(_ app: Application) -> [(method: HTTPMethod, path: String, role: String)] {
        app.routes.all.compactMap { route in
            guard let role = route.userInfo[RoleGatedRoutes.userInfoKey] as? String else { return nil }
            let path = route.path.map { component -> String in
                switch component {
                case .constant(let value): value
                case .parameter: UUID().uuidString
                case .anything, .catchall: "x"
                }
            }.joined(separator: "/")
            return (route.method, path, role)
        }
    }

    func signIn(_ app: Application, email: String) async throws -> (headers: HTTPHeaders, csrf: String) {
        var cookie = HTTPHeaders()
        var csrf = ""
        try await app.testing().test(.GET, "login", afterResponse: { res throws in
            csrf = try #require(InboxPageTests.hiddenCSRF(in: res.body.string))
            if let set = res.headers.setCookie?["parley_session"] { cookie.cookie = ["parley_session": set] }
        })
        try await app.testing().test(.POST, "login", headers: cookie, beforeRequest: { req in
            try req.content.encode(["csrf": csrf, "email": email, "password": "secret-password"], as: .urlEncodedForm)
        }, afterResponse: { res throws in
            #expect(res.status == .seeOther)
            if let set = res.headers.setCookie?["parley_session"] { cookie.cookie = ["parley_session": set] }
        })
        return (cookie, csrf)
    }

    @Test func anAgentIsRefusedOnEverySupervisorAndAdminRoute() async throws {
        try await withTestApp { app, _ in
            let token = try await makeAgent(app, email: "ana@example.com")
            let routes = Self.gatedRoutes(app)
            // The desk's people and team routes and the template editing routes at least.
            #expect(routes.contains { $0.path == "api/v1/agents" && $0.method == .GET })
            #expect(routes.contains { $0.path == "api/v1/teams" && $0.method == .POST })
            #expect(routes.contains { $0.path == "dashboard" && $0.method == .GET })
            #expect(routes.filter { $0.role == "admin" }.count >= 5)
            var (session, csrf) = try await signIn(app, email: "ana@example.com")
            session.add(name: "X-CSRF-Token", value: csrf)
            for route in routes {
                // Pages take a session only; the API takes both.
                for headers in route.path.hasPrefix("api/") ? [token, session] : [session] {
                    try await app.testing().test(route.method, route.path, headers: headers, beforeRequest: { req in
                        if route.method != .GET { try req.content.encode(["name": "x"]) }
                    }, afterResponse: { res throws in
                        #expect(res.status == .forbidden, "\(route.method) /\(route.path) answered \(res.status.code) to an agent")
                        #expect(res.body.string.contains("needs the \(route.role) role"), "\(route.method) /\(route.path)")
                    })
                }
            }
        }
    }

    @Test func aSupervisorIsRefusedOnEveryAdminRouteAndAllowedOnSupervisorRoutes() async throws {
        try await withTestApp { app, _ in
            let token = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            for route in Self.gatedRoutes(app) where route.path.hasPrefix("api/") {
                try await app.testing().test(route.method, route.path, headers: token, beforeRequest: { req in
                    if route.method != .GET { try req.content.encode(["name": "x"]) }
                }, afterResponse: { res throws in
                    if route.role == "admin" {
                        #expect(res.status == .forbidden, "\(route.method) /\(route.path)")
                    } else {
                        #expect(res.status != .forbidden && res.status != .unauthorized, "\(route.method) /\(route.path)")
                    }
                })
            }
        }
    }

    @Test func aSessionWithoutTheCSRFTokenCannotChangeAnythingWithPutOrDelete() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "ana@example.com")
            let (session, _) = try await signIn(app, email: "ana@example.com")
            try await app.testing().test(.PUT, "api/v1/me/status", headers: session, beforeRequest: { req in
                try req.content.encode(["status": "online"])
            }, afterResponse: { res throws in
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("csrf"))
            })
        }
    }
}
