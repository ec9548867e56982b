import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// SLA policies (admin) and each handle's published availability.
struct SLAController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("handles", ":handle", "availability", use: availability)
        let admin = routes.requiring(.admin)
        admin.get("sla-policies", use: list)
        admin.post("sla-policies", use: create)
        admin.delete("sla-policies", ":policy", use: delete)
    }

    struct PolicyDTO: Content {
        var id: UUID?
        var handleID: UUID?
        var minPriority: Int?
        var policy: SLAPolicy

        enum CodingKeys: String, CodingKey {
            case id, policy
            case handleID = "handle_id"
            case minPriority = "min_priority"
        }
    }

    @Sendable func list(req: Request) async throws -> [PolicyDTO] {
        try await SLAQueries(database: req.db).policies().map {
            PolicyDTO(id: $0.id, handleID: $0.handleID, minPriority: $0.minPriority, policy: $0.policy)
        }
    }

    /// Checked when saved (`SLAPolicyActions`).
    @Sendable func create(req: Request) async throws -> Response {
        let input = try PolicyDTO.decode { try req.content.decode(PolicyDTO.self) }
        let stored = try await req.actions.slaPolicies.save(input.policy, handleID: input.handleID, minPriority: input.minPriority)
        return try await PolicyDTO(id: stored.id, handleID: stored.handleID, minPriority: stored.minPriority, policy: stored.policy)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await req.actions.slaPolicies.delete(try DeskController.uuid(req, "policy"))
        return .noContent
    }

    struct AvailabilityDTO: Content {
        var handle: String
        var openNow: Bool
        var expectedWaitMinutes: Int?
        var nextOpening: Date?
        var text: String
        var bio: String
        var awayMessage: String?

        enum CodingKeys: String, CodingKey {
            case handle, text, bio
            case awayMessage = "away_message"
            case openNow = "open_now"
            case expectedWaitMinutes = "expected_wait_minutes"
            case nextOpening = "next_opening"
        }
    }

    /// `GET /api/v1/handles/{id}/availability`: from the live queue, recent first responses and the calendar.
    @Sendable func availability(req: Request) async throws -> AvailabilityDTO {
        let handle = try await req.handleParameter()
        let answer = try await HandleAvailability.now(handle, on: req.db, at: req.parley.effects.now())
        return AvailabilityDTO(handle: handle.username, openNow: answer.openNow, expectedWaitMinutes: answer.expectedWaitMinutes,
                               nextOpening: answer.nextOpening, text: answer.text, bio: answer.bio, awayMessage: answer.awayMessage)
    }
}

extension SLAController.PolicyDTO {
    /// A policy whose calendar cannot be one is refused as such (422), not as a bad body.
    static func decode(_ read: () throws -> Self) throws -> Self {
        do {
            return try read()
        } catch let error as BusinessCalendarError {
            throw DeskError.rejected(code: "invalid_policy", error.description)
        } catch let DecodingError.dataCorrupted(context) {
            throw DeskError.rejected(code: "invalid_policy", context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        }
    }
}
