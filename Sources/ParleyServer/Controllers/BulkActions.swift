import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// One action on many cases at once, each under the same rules as one by one. Cases it cannot
/// change are reported with the reason; the others are changed.
enum BulkAction: String, Codable, CaseIterable {
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

extension RequestParley {
    func bulk(_ action: BulkAction, ids: [UUID], tags: [String], by user: DeskUser) async throws -> BulkOutcome {
        guard !ids.isEmpty, ids.count <= 200 else { throw HTTPError(.badRequest, "bad_request", "Choose 1 to 200 conversations.") }
        let normalized = tags.compactMap(TagQueries.normalize)
        if action == .tag, normalized.isEmpty || normalized.count != tags.count {
            throw HTTPError(.badRequest, "invalid_tag", "Tags are up to 40 letters, digits, '-', '_', ':' or '.'.")
        }
        var outcome = BulkOutcome(changed: 0, refused: [])
        for id in ids {
            do {
                switch action {
                case .assignToMe:
                    try await assign(id, to: user.id, by: user, action: "took")
                case .tag:
                    _ = try await requireConversation(id)
                    let added = try await TagQueries(database: database).add(normalized, to: id)
                    if !added.isEmpty { try await audit(id, by: user, "tagged", added.joined(separator: ", ")) }
                case .resolve:
                    try await change(id, to: .resolve, by: user)
                }
                outcome.changed += 1
            } catch let error as HTTPError {
                outcome.refused.append(.init(id: id, reason: error.message))
            } catch let error as ConversationState.TransitionError {
                outcome.refused.append(.init(id: id, reason: error.description))
            }
        }
        await hub.publish(ChangeNotice(conversationIDs: ids, reason: "bulk"))
        return outcome
    }
}
