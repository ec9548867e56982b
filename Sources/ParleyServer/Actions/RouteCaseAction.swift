import Foundation
import ParleyCore
import ParleyStore

/// A new case meets the routing rules, in order, and the first that matches acts; a case no rule
/// matches goes to the only team when there is exactly one, else to nobody's queue. Each case is
/// routed in one transaction and its change published (so open queues show its team and agent).
struct RouteCaseAction: Sendable {
    let context: ActionContext

    func run(_ id: UUID, subject: RoutingSubject, rules: [RoutingRule], teams: [Team]) async throws {
        try await context.commit { tx in
            let rule = RoutingEngine.firstMatch(rules, for: subject)
            let actions = rule?.actions ?? RoutingActions()
            let team = actions.team ?? (rule == nil && teams.count == 1 ? teams[0].id : nil)
            var change = Change(())
            var tags = (actions.tags ?? []).compactMap(TagRule.normalize)
            if actions.resolveAsSpam == true { tags.append("spam") }
            // The trail's "routed" entry names the rule, which says what it set.
            if !tags.isEmpty { try await TagQueries(database: tx.database).add(tags, to: id) }
            if let priority = actions.priority { try await DeskFieldsQueries(database: tx.database).setPriorityOverride(id, priority) }
            try await RoutingQueries(database: tx.database)
                .markRouted(id, team: team, skills: (actions.skills ?? []).compactMap(TagRule.normalize), at: tx.now)
            if let agent = actions.assign {
                try await AssignmentQueries(database: tx.database)
                    .assign(id, to: agent, by: nil, action: .assigned, at: tx.now, newID: tx.effects.newID())
            }
            if actions.resolveAsSpam == true {
                do {
                    change.absorb(try await ChangeStateAction(context: tx).apply(id, to: .resolve, by: nil, in: tx))
                } catch is ConversationState.TransitionError {
                    // Resolved already (by hand, since it was read): nothing left to do.
                }
            }
            if let rule {
                try await tx.audit(id, by: nil, .routed, "rule: \(rule.name)")
            }
            change.notices.append(ChangeNotice(conversationIDs: [id], reason: "routed"))
            return change
        }
    }
}
