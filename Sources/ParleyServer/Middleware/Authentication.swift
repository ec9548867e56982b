import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The signed-in person, however they proved it (session cookie or bearer token).
struct AuthenticatedUser: Authenticatable {
    var user: DeskUser
    /// The API token the request came with; nil for a browser session.
    var token: APIToken? = nil
}

/// Bearer tokens on the API. An expired or revoked token signs nobody in, and the 401 says why.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    struct RefusalKey: StorageKey { typealias Value = String }

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard !bearer.token.isEmpty, bearer.token.count <= 200 else { return }
        guard let found = try await request.parley.users.user(forToken: bearer.token) else { return }
        let now = request.parley.effects.now()
        if let refusal = found.token.unusable(at: now) {
            request.storage[RefusalKey.self] = refusal
            return
        }
        try await request.parley.users.touchToken(found.token.id, at: now)
        request.auth.login(AuthenticatedUser(user: found.user, token: found.token))
    }
}

/// What an API token may do on each route: its scopes (read for GET, write for changes, admin on
/// admin routes, ingest on `POST /api/v1/events`, which a browser session may not call), and
/// its rate (429 with `Retry-After` past the limit a minute).
struct TokenScopeCheck: AsyncMiddleware {
    static let scopeKey = "parley.scope"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let ingest = request.route?.userInfo[Self.scopeKey] as? String == TokenScope.ingest.rawValue
        guard let signedIn = request.auth.get(AuthenticatedUser.self), let token = signedIn.token else {
            if ingest { throw HTTPError(.forbidden, "token_scope", "This route needs an API token with the ingest scope.") }
            return try await next.respond(to: request)
        }
        // A role the user lacks is refused as such, by the route's own check, before any scope.
        if let role = (request.route?.userInfo[RoleGatedRoutes.userInfoKey] as? String).flatMap(UserRole.init(rawValue:)), !signedIn.user.role.includes(role) {
            return try await next.respond(to: request)
        }
        let needed = TokenAccess.needed(
            method: request.method.rawValue, adminRoute: request.route?.userInfo[RoleGatedRoutes.userInfoKey] as? String == UserRole.admin.rawValue,
            ingestRoute: ingest)
        guard TokenAccess.allows(token.scopes, needed) else {
            throw HTTPError(.forbidden, "token_scope", "This API token lacks the \(needed.rawValue) scope (it has: \(TokenScope.text(token.scopes))).")
        }
        let limiter = request.application.parleyServices.tokenLimit
        let now = request.parley.effects.now()
        if let wait = await limiter.retryAfter(token.id.uuidString, now: now) {
            throw HTTPError(.tooManyRequests, "rate_limited", "Too many requests with this API token; try again shortly.", retryAfter: Int(wait.rounded(.up)))
        }
        await limiter.record(token.id.uuidString, now: now)
        return try await next.respond(to: request)
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
            throw HTTPError(.unauthorized, "unauthorized", request.storage[BearerAuthenticator.RefusalKey.self] ?? "Sign in, or send 'Authorization: Bearer <token>'.")
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
