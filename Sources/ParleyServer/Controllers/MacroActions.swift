import Foundation
import ParleyCore
import ParleyStore
import Vapor

extension RequestParley {
    /// Applies a macro's actions to a case, each under the same rules as doing it by hand, and
    /// notes the macro in the audit trail. Returns what was done, in words.
    @discardableResult
    func applyMacro(_ templateID: UUID, to id: UUID, by user: DeskUser) async throws -> [String] {
        guard let template = try await TemplateQueries(database: database).find(templateID) else {
            throw HTTPError.notFound("template")
        }
        let conversation = try await requireConversation(id)
        if let handle = template.handleID, handle != conversation.handleID {
            throw HTTPError(.unprocessableEntity, "template_other_handle", "This template belongs to another handle.")
        }
        var done: [String] = []
        for action in template.actions {
            switch action {
            case .tag(let raw):
                guard let tag = TagQueries.normalize(raw) else { continue }
                if !(try await TagQueries(database: database).add([tag], to: id)).isEmpty { done.append("tagged \(tag)") }
            case .assign(let who):
                let target: UUID = switch who {
                case .me: user.id
                case .user(let other): other
                }
                try await assign(id, to: target, by: user, action: "assigned")
                done.append("assigned")
            case .setState(let state):
                guard let current = try await conversations.find(id)?.state, current != state else { continue }
                switch state {
                case .open: try await change(id, to: .reopen, by: user)
                case .pending: try await change(id, to: .pending, by: user)
                case .snoozed: try await change(id, to: .snooze, until: effects.now().addingTimeInterval(24 * 3600), by: user)
                case .resolved: try await change(id, to: .resolve, by: user)
                }
                done.append("set \(state.rawValue)")
            case .moveToDM:
                done.append("moved to DM")
            }
        }
        try await audit(id, by: user, "macro", "\(template.name): " + (done.isEmpty ? "nothing to change" : done.joined(separator: ", ")))
        await hub.publish(ChangeNotice(conversationIDs: [id], reason: "macro"))
        return done
    }
}
