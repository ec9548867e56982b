import Foundation
import ParleyCore
import Vapor

/// Troll handling on a case: `POST /api/v1/conversations/:id/troll` `{"action": "ignore"|"mute"|"block"}`,
/// `POST /api/v1/conversations/:id/hide` `{"x_id": …}`, and the conversation page's forms.
struct TrollController {
    enum Move: String, Codable { case ignore, mute, block }

    struct TrollInput: Content { var action: Move }
    struct HideInput: Content {
        var xID: String
        enum CodingKeys: String, CodingKey { case xID = "x_id" }
    }

    static func apply(_ move: Move, to id: UUID, on req: Request) async throws {
        let user = try req.auth.require(AuthenticatedUser.self).user
        switch move {
        case .ignore: try await req.actions.trolls.ignore(id, by: user)
        case .mute: try await req.actions.trolls.mute(id, by: user)
        case .block: try await req.actions.trolls.block(id, by: user)
        }
    }

    struct API: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.post("conversations", ":id", "troll", use: troll)
            routes.post("conversations", ":id", "hide", use: hide)
        }

        @Sendable func troll(req: Request) async throws -> HTTPStatus {
            try await TrollController.apply(try req.content.decode(TrollInput.self).action, to: try DeskController.uuid(req, "id"), on: req)
            return .noContent
        }

        @Sendable func hide(req: Request) async throws -> HTTPStatus {
            let user = try req.auth.require(AuthenticatedUser.self).user
            try await req.actions.trolls.hide(try DeskController.uuid(req, "id"), messageXID: try req.content.decode(HideInput.self).xID, by: user)
            return .noContent
        }
    }

    struct Forms: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.post("conversations", ":id", "troll", use: troll)
            routes.post("conversations", ":id", "hide", use: hide)
        }

        @Sendable func troll(req: Request) async throws -> Response {
            let id = try DeskController.uuid(req, "id")
            return try await attempt(req, id, done: "Done.") {
                try await TrollController.apply(try req.content.decode(TrollInput.self).action, to: id, on: req)
            }
        }

        @Sendable func hide(req: Request) async throws -> Response {
            let id = try DeskController.uuid(req, "id")
            let user = try req.auth.require(AuthenticatedUser.self).user
            return try await attempt(req, id, done: "The reply is hidden on X.") {
                try await req.actions.trolls.hide(id, messageXID: try req.content.decode(HideInput.self).xID, by: user)
            }
        }

        private func attempt(_ req: Request, _ id: UUID, done: String, _ body: () async throws -> Void) async throws -> Response {
            try await req.formResult(back: "/conversations/\(id)", done: done, body)
        }
    }
}
