import Foundation
import ParleyStore
import Vapor

/// Login and logout of the web inbox.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
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
        guard let found = try await req.parley.users.credentials(email: input.email),
            try await req.password.async.verify(input.password, created: found.passwordHash)
        else {
            let page = LoginPage(csrf: CSRFProtection.token(for: req), error: "Wrong email or password.", email: input.email)
            return try await req.view.render("login", page).encodeResponse(status: .unauthorized, for: req)
        }
        req.auth.login(AuthenticatedUser(user: found.user))
        req.logger.info("user signed in", metadata: ["user_id": "\(found.user.id)"])
        return req.redirect(to: "/inbox")
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(AuthenticatedUser.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
