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
            RuleDTO($0)
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try RuleDTO.decode(req)
        let saved = try await req.actions.routingRules.save(input.rule, id: nil, position: input.position)
        return try await RuleDTO(saved).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> RuleDTO {
        let id = try DeskController.uuid(req, "rule")
        let input = try RuleDTO.decode(req)
        return RuleDTO(try await req.actions.routingRules.save(input.rule, id: id, position: input.position))
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await req.actions.routingRules.delete(try DeskController.uuid(req, "rule"))
        return .noContent
    }
}

extension RoutingRulesController.RuleDTO {
    init(_ stored: StoredRoutingRule) {
        self.init(id: stored.id, position: stored.position, name: stored.rule.name, enabled: stored.rule.enabled,
                  conditions: stored.rule.conditions, actions: stored.rule.actions)
    }

    var rule: RoutingRule {
        RoutingRule(name: name, enabled: enabled ?? true, conditions: conditions, actions: actions)
    }

    /// The request's rule; one that cannot be a rule is refused as such (422), not as a bad body.
    static func decode(_ req: Request) throws -> Self {
        do {
            return try req.content.decode(Self.self)
        } catch let error as RoutingRuleError {
            throw DeskError.rejected(code: "invalid_rule", error.description)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is RoutingRuleError {
            throw DeskError.rejected(code: "invalid_rule", "\(context.underlyingError!)")
        }
    }
}
