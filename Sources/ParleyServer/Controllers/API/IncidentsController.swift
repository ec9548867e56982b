import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/api/v1/incidents`: list, open (by hand or from an alert), show (cases and timeline), update
/// (severity, owner, holding statement), link cases or an emerging issue, send the holding
/// statement (`confirm: true` required), resolve.
struct IncidentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let incidents = routes.grouped("incidents")
        incidents.get(use: list)
        incidents.post(use: create)
        incidents.get(":incident", use: show)
        incidents.patch(":incident", use: update)
        incidents.post(":incident", "cases", use: link)
        incidents.post(":incident", "holding-statement", "send", use: send)
        incidents.post(":incident", "resolve", use: resolve)
    }

    struct IncidentDTO: Content {
        struct Case: Content {
            var conversationID: UUID
            var linkedAt: Date
            var statementSentAt: Date?
            enum CodingKeys: String, CodingKey {
                case conversationID = "conversation_id"
                case linkedAt = "linked_at"
                case statementSentAt = "statement_sent_at"
            }
        }

        struct Event: Content {
            var at: Date
            var text: String
        }

        var id: UUID
        var title: String
        var severity: String
        var state: String
        var ownerID: UUID?
        var alertID: UUID?
        var issueID: UUID?
        var holdingStatement: String?
        var createdAt: Date
        var resolvedAt: Date?
        var cases: [Case]?
        var timeline: [Event]?

        enum CodingKeys: String, CodingKey {
            case id, title, severity, state, cases, timeline
            case ownerID = "owner_id"
            case alertID = "alert_id"
            case issueID = "issue_id"
            case holdingStatement = "holding_statement"
            case createdAt = "created_at"
            case resolvedAt = "resolved_at"
        }

        init(_ i: Incident, cases: [IncidentQueries.LinkedCase]? = nil, timeline: [IncidentEvent]? = nil) {
            id = i.id
            title = i.title
            severity = i.severity.rawValue
            state = i.state.rawValue
            ownerID = i.ownerID
            alertID = i.alertID
            issueID = i.issueID
            holdingStatement = i.holdingStatement
            createdAt = i.createdAt
            resolvedAt = i.resolvedAt
            self.cases = cases?.map { Case(conversationID: $0.conversationID, linkedAt: $0.linkedAt, statementSentAt: $0.statementSentAt) }
            self.timeline = timeline?.map { Event(at: $0.at, text: $0.text) }
        }
    }

    struct CreateInput: Decodable {
        var title: String
        var severity: Incident.Severity?
        var ownerID: UUID?
        var alertID: UUID?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, severity
            case ownerID = "owner_id"
            case alertID = "alert_id"
        }
    }

    struct UpdateInput: Decodable {
        var severity: Incident.Severity?
        var ownerID: UUID?
        var holdingStatement: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case severity
            case ownerID = "owner_id"
            case holdingStatement = "holding_statement"
        }
    }

    struct LinkInput: Decodable {
        var conversationIDs: [UUID]?
        var issueID: UUID?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case conversationIDs = "conversation_ids"
            case issueID = "issue_id"
        }
    }

    struct SendInput: Decodable {
        var confirm: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case confirm }
    }

    struct SendDTO: Content {
        var queued: Int
        var skipped: [String]
    }

    @Sendable func list(req: Request) async throws -> [IncidentDTO] {
        try await IncidentQueries(database: req.db).list().map { IncidentDTO($0) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.strictBody(CreateInput.self, keys: CreateInput.CodingKeys.allCases.map(\.rawValue))
        let user = try req.auth.require(AuthenticatedUser.self).user
        let incident = try await req.actions.incidents.open(
            title: input.title, severity: input.severity ?? .problem, ownerID: input.ownerID, alertID: input.alertID, by: user)
        return try await Self.detail(incident.id, on: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> IncidentDTO {
        try await Self.detail(try DeskController.uuid(req, "incident"), on: req)
    }

    /// Only the fields present change; `"owner_id": null` and `"holding_statement": null` clear them.
    @Sendable func update(req: Request) async throws -> IncidentDTO {
        let id = try DeskController.uuid(req, "incident")
        let input = try req.strictBody(UpdateInput.self, keys: UpdateInput.CodingKeys.allCases.map(\.rawValue))
        let present = Set((try? JSONSerialization.jsonObject(with: Data(buffer: req.body.data ?? ByteBuffer())) as? [String: Any])?.keys.map { $0 } ?? [])
        let user = try req.auth.require(AuthenticatedUser.self).user
        _ = try await req.actions.incidents.update(
            id, severity: input.severity, ownerID: present.contains("owner_id") ? .some(input.ownerID) : nil,
            statement: present.contains("holding_statement") ? .some(input.holdingStatement) : nil, by: user)
        return try await Self.detail(id, on: req)
    }

    @Sendable func link(req: Request) async throws -> IncidentDTO {
        let id = try DeskController.uuid(req, "incident")
        let input = try req.strictBody(LinkInput.self, keys: LinkInput.CodingKeys.allCases.map(\.rawValue))
        let user = try req.auth.require(AuthenticatedUser.self).user
        _ = try await req.actions.incidents.link(id, conversations: input.conversationIDs ?? [], issueID: input.issueID, by: user)
        return try await Self.detail(id, on: req)
    }

    @Sendable func send(req: Request) async throws -> SendDTO {
        let input = try req.strictBody(SendInput.self, keys: SendInput.CodingKeys.allCases.map(\.rawValue))
        let user = try req.auth.require(AuthenticatedUser.self).user
        let report = try await req.actions.incidents.sendStatement(try DeskController.uuid(req, "incident"), confirmed: input.confirm == true, by: user)
        return SendDTO(queued: report.queued, skipped: report.skipped)
    }

    @Sendable func resolve(req: Request) async throws -> IncidentDTO {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let incident = try await req.actions.incidents.resolve(try DeskController.uuid(req, "incident"), by: user)
        return try await Self.detail(incident.id, on: req)
    }

    static func detail(_ id: UUID, on req: Request) async throws -> IncidentDTO {
        let queries = IncidentQueries(database: req.db)
        guard let incident = try await queries.find(id) else { throw IncidentError.notFound }
        return IncidentDTO(incident, cases: try await queries.cases(id), timeline: try await queries.timeline(id))
    }
}
