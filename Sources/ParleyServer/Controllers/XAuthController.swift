import Vapor
import ParleyX

/// `GET /auth/x/callback`: where X sends the browser back after a handle's owner consented (or
/// refused). The one-time `state` ties it to the verifier `parley handle connect` kept.
struct XAuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("auth", "x", "callback", use: callback)
    }

    struct Callback: Decodable {
        var state: String?
        var code: String?
        var error: String?
    }

    struct ConnectedPage: Encodable {
        var username: String
    }

    @Sendable func callback(req: Request) async throws -> Response {
        guard let x = req.application.parleyServices.x else {
            return try await ErrorPage(status: 503, message: "The X connector is off on this server.")
                .render(on: req, status: .serviceUnavailable)
        }
        let query = try req.query.decode(Callback.self)
        if let error = query.error {
            let message = error == "access_denied" ? "Access was not granted on X; nothing was connected." : "X reported an error; nothing was connected."
            return try await ErrorPage(status: 400, message: message).render(on: req, status: .badRequest)
        }
        guard let state = query.state, !state.isEmpty, let code = query.code, !code.isEmpty else {
            return try await ErrorPage(status: 400, message: "This link is missing its state or code.").render(on: req, status: .badRequest)
        }
        do {
            let handle = try await x.authorization.complete(state: state, code: code)
            req.logger.info("handle connected to X", metadata: ["handle": "\(handle.username)"])
            return try await req.view.render("connected", ConnectedPage(username: handle.username)).encodeResponse(for: req)
        } catch let error as XConnectorError {
            return try await ErrorPage(status: 400, message: error.description).render(on: req, status: .badRequest)
        } catch let error as XAPIError {
            req.logger.warning("X refused the authorization code", metadata: ["error": "\(error)"])
            return try await ErrorPage(status: 502, message: "X refused the authorization; run `parley handle connect` again.")
                .render(on: req, status: .badGateway)
        }
    }
}
