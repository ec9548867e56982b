import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The signed-in person, however they proved it (session cookie or bearer token).
struct AuthenticatedUser: Authenticatable {
    var user: DeskUser
}

/// Bearer tokens on the API.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard !bearer.token.isEmpty, bearer.token.count <= 200 else { return }
        if let user = try await request.parley.users.user(forToken: bearer.token) {
            request.auth.login(AuthenticatedUser(user: user))
        }
    }
}

/// The session cookie of the web inbox (the inbox's own scripts call the API with it too).
struct SessionUserAuthenticator: AsyncSessionAuthenticator {
    typealias User = AuthenticatedUser

    func authenticate(sessionID: String, for request: Request) async throws {
        guard let id = UUID(uuidString: sessionID), let user = try await request.parley.users.find(id) else { return }
        request.auth.login(AuthenticatedUser(user: user))
    }
}

/// The public pages' view of the desk's session: a signed-in agent is recognised (to preview a
/// draft), but a reader without the session cookie gets no session. Vapor's session authenticator
/// would create one, a row written for every anonymous page view.
struct PublicSessionUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.cookies[request.application.sessions.configuration.cookieName] != nil else {
            return try await next.respond(to: request)
        }
        return try await SessionUserAuthenticator().respond(to: request, chainingTo: next)
    }
}

extension AuthenticatedUser: SessionAuthenticatable {
    var sessionID: String { user.id.uuidString }
}

/// Refuses requests with no signed-in user: 401 JSON on the API, a redirect to the login page elsewhere.
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(AuthenticatedUser.self) else {
            throw HTTPError(.unauthorized, "unauthorized", "Sign in, or send 'Authorization: Bearer <token>'.")
        }
        return try await next.respond(to: request)
    }
}

/// Lets a request through only for a signed-in user whose role includes `role`; checked on the
/// server for every page and API route of the group (401 without a user, 403 with a lesser role).
struct RequireRole: AsyncMiddleware {
    let role: UserRole

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.auth.get(AuthenticatedUser.self)?.user else {
            throw HTTPError(.unauthorized, "unauthorized", "Sign in, or send 'Authorization: Bearer <token>'.")
        }
        guard user.role.includes(role) else {
            throw HTTPError(.forbidden, "forbidden", "This needs the \(role.rawValue) role.")
        }
        return try await next.respond(to: request)
    }
}

/// Routes that need a role: grouped behind `RequireRole`, and marked so the route table says which
/// role each needs (the denial tests walk every marked route).
struct RoleGatedRoutes: RoutesBuilder {
    static let userInfoKey = "parley.role"
    let base: any RoutesBuilder
    let role: UserRole

    func add(_ route: Route) {
        route.userInfo[Self.userInfoKey] = role.rawValue
        base.add(route)
    }
}

extension RoutesBuilder {
    /// These routes answer only users whose role includes `role` (403 otherwise).
    func requiring(_ role: UserRole) -> RoleGatedRoutes {
        RoleGatedRoutes(base: grouped(RequireRole(role: role)), role: role)
    }
}

/// Cross-site request forgery check for the inbox's forms: each session has a random token that
/// every form posts back.
struct CSRFProtection: AsyncMiddleware {
    static let sessionKey = "csrf"

    static func token(for request: Request) -> String {
        if let existing = request.session.data[sessionKey] { return existing }
        var bytes = [UInt8](repeating: 0, count: 24)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = Data(bytes).base64EncodedString()
        request.session.data[sessionKey] = token
        return token
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // API clients with a bearer token carry no cookie, so they cannot be forged cross-site.
        // Every method that changes something is checked, not only POST.
        if ![.GET, .HEAD, .OPTIONS].contains(request.method), request.headers.bearerAuthorization == nil {
            let sent = (try? request.content.get(String.self, at: "csrf")) ?? request.headers.first(name: "X-CSRF-Token")
            guard let expected = request.session.data[Self.sessionKey], let sent,
                Array(sent.utf8).count == Array(expected.utf8).count,
                zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
            else {
                throw HTTPError(.forbidden, "csrf", "This form expired. Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }
}
