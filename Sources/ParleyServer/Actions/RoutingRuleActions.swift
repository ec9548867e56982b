import Foundation
import ParleyCore
import ParleyStore

/// The ordered routing rules (admins). Checked when saved, so a bad rule never runs.
struct RoutingRuleActions: Sendable {
    let context: ActionContext

    /// Saves `rule` as `id` (new when nil) at `position` (last when nil); returns its id and position.
    func save(_ rule: RoutingRule, id: UUID?, position: Int?) async throws -> StoredRoutingRule {
        do {
            try RoutingEngine.validate(rule)
        } catch {
            throw DeskError.rejected(code: "invalid_rule", error.description)
        }
        for tag in (rule.actions.tags ?? []) + (rule.actions.skills ?? []) where TagRule.normalize(tag) == nil {
            throw DeskError.rejected(code: "invalid_rule", "'\(tag)' is not a valid tag or skill.")
        }
        return try await context.commit { tx in
            let routing = RoutingQueries(database: tx.database)
            let existing = try await routing.rules().rules
            if let id, !existing.contains(where: { $0.id == id }) { throw DeskError.notFound("routing rule") }
            if let team = rule.actions.team, try await TeamQueries(database: tx.database).find(team) == nil {
                throw DeskError.rejected(code: "invalid_rule", "No team \(team.uuidString).")
            }
            if let agent = rule.actions.assign, try await AgentQueries(database: tx.database).profile(agent) == nil {
                throw DeskError.rejected(code: "invalid_rule", "No agent \(agent.uuidString).")
            }
            let id = id ?? tx.effects.newID()
            let position = position ?? existing.first { $0.id == id }?.position ?? ((existing.map(\.position).max() ?? 0) + 1)
            try await routing.save(rule, id: id, position: position, at: tx.now)
            return Change(StoredRoutingRule(id: id, position: position, rule: rule))
        }
    }

    func delete(_ id: UUID) async throws {
        try await context.commit { tx in
            guard try await RoutingQueries(database: tx.database).delete(id) else { throw DeskError.notFound("routing rule") }
            return Change(())
        }
    }

    /// Moves a rule one place up (`by: -1`) or down (`by: 1`), swapping with its neighbour.
    func move(_ id: UUID, by step: Int) async throws {
        try await context.commit { tx in
            let routing = RoutingQueries(database: tx.database)
            let rules = try await routing.rules().rules.sorted { $0.position < $1.position }
            guard let index = rules.firstIndex(where: { $0.id == id }) else { throw DeskError.notFound("routing rule") }
            let other = index + step
            guard rules.indices.contains(other) else { return Change(()) }
            let (a, b) = (rules[index], rules[other])
            try await routing.save(a.rule, id: a.id, position: b.position, at: tx.now)
            try await routing.save(b.rule, id: b.id, position: a.position, at: tx.now)
            return Change(())
        }
    }
}
