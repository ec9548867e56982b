import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// One action on many cases at once, each under the same rules (and in its own transaction) as
/// one by one. Cases it cannot change are reported with the reason; the others are changed.
enum BulkAction: String, Codable, CaseIterable, Sendable {
    case assignToMe = "assign_to_me"
    case tag
    case resolve
}

struct BulkOutcome: Content {
    var changed: Int
    var refused: [Refusal]

    struct Refusal: Content {
        var id: UUID
        var reason: String
    }
}

struct BulkChangeAction: Sendable {
    let context: ActionContext

    func run(_ action: BulkAction, ids: [UUID], tags raw: [String], by actor: DeskUser) async throws -> BulkOutcome {
        guard !ids.isEmpty, ids.count <= 200 else { throw DeskError.invalid(code: "bad_request", "Choose 1 to 200 conversations.") }
        let tags = action == .tag ? try TagRule.normalize(all: raw) : []
        let actions = DeskActions(context)
        var outcome = BulkOutcome(changed: 0, refused: [])
        for id in ids {
            do {
                switch action {
                case .assignToMe: try await actions.assign.run(id, to: actor.id, by: actor)
                case .tag: _ = try await context.commit { tx in try await actions.tag.apply(tags, to: id, by: actor.id, in: tx) }
                case .resolve: try await actions.changeState.run(id, to: .resolve, by: actor)
                }
                outcome.changed += 1
            } catch let error as DeskError {
                outcome.refused.append(.init(id: id, reason: error.description))
            } catch let error as ConversationState.TransitionError {
                outcome.refused.append(.init(id: id, reason: error.description))
            }
        }
        await context.services.hub.publish(ChangeNotice(conversationIDs: ids, reason: "bulk"))
        return outcome
    }
}
