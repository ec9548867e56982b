import Foundation
import ParleyCore
import ParleyStore

/// Applies a template's macro actions to a case, each under the same rules as doing it by hand,
/// all in one transaction, and notes the macro in the audit trail. "Move to DM" sends the
/// handle's handoff reply (the invitation to DM, with X's DM link) unless the agent's own public
/// reply went out with the macro, and marks the case `moved-to-dm`.
struct ApplyMacroAction: Sendable {
    let context: ActionContext

    /// The tag a case moved to DM carries.
    static let movedToDMTag = "moved-to-dm"

    /// What was done, in words.
    @discardableResult
    func run(_ templateID: UUID, to id: UUID, by actor: DeskUser) async throws -> [String] {
        try await context.commit { tx in try await apply(templateID, to: id, by: actor, repliedPublicly: false, in: tx) }
    }

    func apply(_ templateID: UUID, to id: UUID, by actor: DeskUser, repliedPublicly: Bool, in tx: ActionContext) async throws -> Change<[String]> {
        guard let template = try await TemplateQueries(database: tx.database).find(templateID) else {
            throw DeskError.notFound("template")
        }
        let conversation = try await tx.conversation(id)
        if let handle = template.handleID, handle != conversation.handleID {
            throw DeskError.rejected(code: "template_other_handle", "This template belongs to another handle.")
        }
        var change = Change<[String]>([])
        let actions = DeskActions(tx)
        for action in template.actions {
            switch action {
            case .tag(let raw):
                guard let tag = TagRule.normalize(raw) else { continue }
                let tagged = try await actions.tag.apply([tag], to: id, by: actor.id, in: tx)
                change.absorb(tagged)
                if !tagged.value.isEmpty { change.value.append("tagged \(tag)") }
            case .assign(let who):
                let target: UUID = switch who {
                case .me: actor.id
                case .user(let other): other
                }
                change.absorb(try await actions.assign.apply(id, to: target, by: actor, in: tx))
                change.value.append("assigned")
            case .setState(let state):
                guard conversation.state != state else { continue }
                let until: Date? = state == .snoozed ? tx.now.addingTimeInterval(24 * 3600) : nil
                change.absorb(try await actions.changeState.apply(id, to: DeskAction.Kind(moving: state), until: until, by: actor.id, in: tx))
                change.value.append("set \(state.rawValue)")
            case .moveToDM:
                if !repliedPublicly {
                    change.absorb(try await actions.reply.apply(
                        .init(conversationID: id, text: try await handoffReply(conversation, in: tx), channel: .public), by: actor, in: tx))
                    change.value.append("sent the DM invitation")
                }
                change.absorb(try await actions.tag.apply([Self.movedToDMTag], to: id, by: actor.id, in: tx))
                change.value.append("moved to DM")
            }
        }
        try await tx.audit(id, by: actor.id, .macro,
                           "\(template.name): " + (change.value.isEmpty ? "nothing to change" : change.value.joined(separator: ", ")))
        change.notices.append(ChangeNotice(conversationIDs: [id], reason: "macro"))
        return change
    }

    /// The handle's handoff reply (or the default one) with its DM link.
    private func handoffReply(_ conversation: Conversation, in tx: ActionContext) async throws -> String {
        guard let handle = try await HandleQueries(database: tx.database).find(conversation.handleID) else { throw DeskError.notFound("handle") }
        return TriageHandoffAdvice(replyTemplate: handle.handoffTemplate ?? TriageHandoffAdvice.defaultTemplate)
            .reply(brandUserID: handle.xUserID)
    }
}
