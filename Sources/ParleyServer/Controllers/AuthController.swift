import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// Login and logout of the web inbox.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.grouped(RequireUser()).post("me", "status", use: setStatus)
    }

    struct StatusForm: Content {
        var status: AgentStatus
    }

    /// The header's status control, for agents who only use the browser.
    @Sendable func setStatus(req: Request) async throws -> Response {
        guard let user = req.auth.get(AuthenticatedUser.self)?.user else { throw Abort(.unauthorized) }
        let form = try req.content.decode(StatusForm.self)
        try await req.actions.setStatus.run(form.status, for: user.id)
        return req.redirect(to: "/inbox", notice: "Status: \(form.status.rawValue)")
    }

    @Sendable func form(req: Request) async throws -> View {
        try await req.view.render("login", LoginPage(csrf: CSRFProtection.token(for: req), error: nil, email: ""))
    }

    struct LoginInput: Content {
        var email: String
        var password: String
    }

    @Sendable func login(req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        let throttle = req.application.parleyServices.loginThrottle
        // Failed sign-ins count per email and address.
        let key = input.email.trimmingCharacters(in: .whitespaces).lowercased() + "|" + (req.remoteAddress?.ipAddress ?? "unknown")
        let now = req.parley.effects.now()
        if let wait = await throttle.retryAfter(key, now: now) {
            req.logger.warning("sign-in throttled")
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            let page = LoginPage(
                csrf: CSRFProtection.token(for: req),
                error: "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").", email: input.email)
            return try await req.view.render("login", page).encodeResponse(status: .tooManyRequests, for: req)
        }
        guard let found = try await req.parley.users.credentials(email: input.email),
            try await req.password.async.verify(input.password, created: found.passwordHash)
        else {
            await throttle.record(key, now: now)
            let page = LoginPage(csrf: CSRFProtection.token(for: req), error: "Wrong email or password.", email: input.email)
            return try await req.view.render("login", page).encodeResponse(status: .unauthorized, for: req)
        }
        await throttle.reset(key)
        // Signing in to the desk is being at work: new cases may come (away and offline are set in the header).
        try await req.actions.setStatus.run(.online, for: found.user.id)
        req.auth.login(AuthenticatedUser(user: found.user))
        req.logger.info("user signed in", metadata: ["user_id": "\(found.user.id)"])
        return req.redirect(to: "/inbox")
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let user = req.auth.get(AuthenticatedUser.self)?.user {
            try await req.actions.setStatus.run(.offline, for: user.id)
        }
        req.auth.logout(AuthenticatedUser.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
