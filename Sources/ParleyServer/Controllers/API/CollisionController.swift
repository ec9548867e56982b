import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// Presence and the reply lock over the API: heartbeats, who is viewing or replying, taking the
/// reply, and the audited take-over.
struct CollisionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let conversation = routes.grouped("conversations", ":id")
        conversation.get("presence", use: presence)
        conversation.post("presence", use: heartbeat)
        conversation.post("lock", use: lock)
        conversation.post("take-over", use: takeOver)
    }

    struct PresenceDTO: Content {
        struct Person: Content {
            var id: UUID
            var name: String
            var typing: Bool
        }

        struct Holder: Content {
            var id: UUID
            var name: String
            var mine: Bool
        }

        var viewers: [Person]
        var replying: Holder?
    }

    private func dto(_ req: Request, _ id: UUID) async throws -> PresenceDTO {
        let me = try req.auth.require(AuthenticatedUser.self).user.id
        let now = req.parley.effects.now()
        let collision = CollisionQueries(database: req.db)
        let viewers = try await collision.present(id, since: now.addingTimeInterval(-Presence.lasts))
            .filter { $0.userID != me }.map { PresenceDTO.Person(id: $0.userID, name: $0.name, typing: $0.typing) }
        let lock = try await collision.lock(id, at: now)
        return PresenceDTO(viewers: viewers, replying: lock.map { .init(id: $0.userID, name: $0.name, mine: $0.userID == me) })
    }

    @Sendable func presence(req: Request) async throws -> PresenceDTO {
        try await dto(req, try conversationID(req))
    }

    struct HeartbeatInput: Content {
        var typing: Bool?
    }

    @Sendable func heartbeat(req: Request) async throws -> PresenceDTO {
        let id = try conversationID(req)
        let typing = (try? req.content.decode(HeartbeatInput.self))?.typing ?? false
        try await req.actions.presence.heartbeat(id, typing: typing, by: try req.auth.require(AuthenticatedUser.self).user)
        return try await dto(req, id)
    }

    /// The agent starts a reply: they hold it unless someone else does (409 names them).
    @Sendable func lock(req: Request) async throws -> Response {
        let id = try conversationID(req)
        let held = try await req.actions.presence.startReply(id, by: try req.auth.require(AuthenticatedUser.self).user)
        return try await dto(req, id).encodeResponse(status: held ? .ok : .conflict, for: req)
    }

    @Sendable func takeOver(req: Request) async throws -> PresenceDTO {
        let id = try conversationID(req)
        try await req.actions.takeOver.run(id, by: try req.auth.require(AuthenticatedUser.self).user)
        return try await dto(req, id)
    }
}
