import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/api/v1/routing-rules` (admin): the ordered rules that send new cases to teams, tag them,
/// set priority, assign, or resolve spam. Checked when saved, so a bad rule never runs.
struct RoutingRulesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.admin)
        admin.get("routing-rules", use: list)
        admin.post("routing-rules", use: create)
        admin.put("routing-rules", ":rule", use: update)
        admin.delete("routing-rules", ":rule", use: delete)
    }

    struct RuleDTO: Content {
        var id: UUID?
        var position: Int?
        var name: String
        var enabled: Bool?
        var conditions: RoutingConditions
        var actions: RoutingActions
    }

    @Sendable func list(req: Request) async throws -> [RuleDTO] {
        try await RoutingQueries(database: req.db).rules().rules.map {
            RuleDTO(id: $0.id, position: $0.position, name: $0.rule.name, enabled: $0.rule.enabled, conditions: $0.rule.conditions, actions: $0.rule.actions)
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let saved = try await save(req, id: req.parley.effects.newID())
        return try await saved.encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> RuleDTO {
        let id = try DeskController.uuid(req, "rule")
        guard try await RoutingQueries(database: req.db).rules().rules.contains(where: { $0.id == id }) else {
            throw HTTPError.notFound("routing rule")
        }
        return try await save(req, id: id)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        guard try await RoutingQueries(database: req.db).delete(try DeskController.uuid(req, "rule")) else {
            throw HTTPError.notFound("routing rule")
        }
        return .noContent
    }

    private func save(_ req: Request, id: UUID) async throws -> RuleDTO {
        let input: RuleDTO
        do {
            input = try req.content.decode(RuleDTO.self)
        } catch let error as RoutingRuleError {
            throw HTTPError(.unprocessableEntity, "invalid_rule", error.description)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is RoutingRuleError {
            throw HTTPError(.unprocessableEntity, "invalid_rule", "\(context.underlyingError!)")
        }
        let rule = RoutingRule(name: input.name, enabled: input.enabled ?? true, conditions: input.conditions, actions: input.actions)
        do {
            try RoutingEngine.validate(rule)
        } catch {
            throw HTTPError(.unprocessableEntity, "invalid_rule", error.description)
        }
        if let team = rule.actions.team, try await TeamQueries(database: req.db).find(team) == nil {
            throw HTTPError(.unprocessableEntity, "invalid_rule", "No team \(team.uuidString).")
        }
        if let agent = rule.actions.assign, try await AgentQueries(database: req.db).profile(agent) == nil {
            throw HTTPError(.unprocessableEntity, "invalid_rule", "No agent \(agent.uuidString).")
        }
        for tag in (rule.actions.tags ?? []) + (rule.actions.skills ?? []) where TagQueries.normalize(tag) == nil {
            throw HTTPError(.unprocessableEntity, "invalid_rule", "'\(tag)' is not a valid tag or skill.")
        }
        let last = try await RoutingQueries(database: req.db).rules().rules.map(\.position).max() ?? 0
        let position = input.position ?? last + 1
        try await RoutingQueries(database: req.db).save(rule, id: id, position: position, at: req.parley.effects.now())
        return RuleDTO(id: id, position: position, name: rule.name, enabled: rule.enabled, conditions: rule.conditions, actions: rule.actions)
    }
}
