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
        let stored = try await req.actions.slaPolicies.create(input.policy, handleID: input.handleID, minPriority: input.minPriority)
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

        enum CodingKeys: String, CodingKey {
            case handle, text
            case openNow = "open_now"
            case expectedWaitMinutes = "expected_wait_minutes"
            case nextOpening = "next_opening"
        }
    }

    /// `GET /api/v1/handles/{id}/availability`: from the live queue, recent first responses and the calendar.
    @Sendable func availability(req: Request) async throws -> AvailabilityDTO {
        let handle = try await req.handleParameter()
        let now = req.parley.effects.now()
        let sla = SLAQueries(database: req.db)
        let policy = StoredSLAPolicy.choose(try await sla.policies(), handleID: handle.id, priority: 0)?.policy
        let calendar = policy?.calendar ?? BusinessCalendar.alwaysOpen
        let responses = try await sla.firstResponses(handleID: handle.id, since: now.addingTimeInterval(-7 * 24 * 3600))
            .map { calendar.elapsed(from: $0.opened, to: $0.responded) }
        let online = try await AgentQueries(database: req.db).profiles().filter { $0.status == .online }.count
        let answer = Availability.now(
            now, calendar: calendar, recentFirstResponses: responses, waiting: try await sla.waitingCount(handleID: handle.id),
            agentsOnline: online, targetMinutes: policy?.firstResponseMinutes)
        return AvailabilityDTO(handle: handle.username, openNow: answer.openNow, expectedWaitMinutes: answer.expectedWaitMinutes,
                               nextOpening: answer.nextOpening, text: answer.text)
    }
}

extension SLAController.PolicyDTO {
    /// The admin page's JSON, read as the API reads a body.
    static func decode(json: String) throws -> Self {
        try decode { try JSONDecoder().decode(Self.self, from: Data(json.utf8)) }
    }

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
