import Foundation
import ParleyCore
import ParleyStore

/// A reply to a case, queued for the sender: the one way anything reaches the outbox.
///
/// An agent's reply is refused while another agent holds the case's reply (they must take over
/// first), and — when `seenUpTo` is given — if the customer wrote since the agent's view was
/// loaded, unless `confirmStale`. Automation's replies go through `PublicReplyPolicy`: a DM may
/// go out, a public reply only where an admin turned the handle's auto-replies on.
struct ReplyAction: Sendable {
    let context: ActionContext

    struct Input: Sendable {
        var conversationID: UUID
        var text: String
        var channel: ParleyCore.Channel
        var seenUpTo: Date?
        var confirmStale = false
        /// A template whose macro actions apply with the reply, in the same transaction.
        var macroID: UUID?
    }

    /// An agent's reply.
    func run(_ input: Input, by actor: DeskUser) async throws -> OutboxItem {
        try await context.commit { tx in try await apply(input, by: actor, in: tx) }
    }

    /// A reply a rule, job or bot asks for, named `automation` in the audit trail.
    func run(_ input: Input, automation: String) async throws -> OutboxItem {
        try await context.commit { tx in try await apply(input, automation: automation, in: tx) }
    }

    func apply(_ input: Input, automation: String, in tx: ActionContext) async throws -> Change<OutboxItem> {
            let draft = try ReplyDraft(text: input.text, channel: input.channel)
            guard let detail = try await tx.conversations.detail(input.conversationID) else { throw DeskError.notFound("conversation") }
            let enabled = try await AutoReplyQueries(database: tx.database).enabled().contains(detail.handle.id)
            try PublicReplyPolicy.check(
                channel: draft.channel, origin: .automation(automation), handleUsername: detail.handle.username,
                autoRepliesEnabled: enabled)
            let item = try await queue(draft, in: detail, by: nil, tx: tx)
            try await tx.audit(input.conversationID, by: nil, .replied, "\(automation): \(Self.said(draft.channel))")
            return Change(item, notices: [ChangeNotice(conversationIDs: [input.conversationID], reason: "outbox")])
    }

    func apply(_ input: Input, by actor: DeskUser, in tx: ActionContext) async throws -> Change<OutboxItem> {
        let id = input.conversationID
        let draft = try ReplyDraft(text: input.text, channel: input.channel)
        guard let detail = try await tx.conversations.detail(id) else { throw DeskError.notFound("conversation") }
        let collision = CollisionQueries(database: tx.database)
        let lock = try await collision.acquire(id, user: actor.id, until: tx.now.addingTimeInterval(ReplyLock.lasts), at: tx.now)
        if let lock, lock.blocks(actor.id) { throw lock.refusal }
        if let seenUpTo = input.seenUpTo, !input.confirmStale,
           detail.messages.contains(where: { !$0.kind.isOwn && $0.createdAt.timeIntervalSince(seenUpTo) > 0.001 }) {
            throw DeskError.conflict(
                code: "stale_view", "The customer wrote again since this conversation was loaded. Read it, then confirm to send.")
        }
        let item = try await queue(draft, in: detail, by: actor.id, tx: tx)
        try await tx.audit(id, by: actor.id, .replied, Self.said(draft.channel))
        try await collision.release(id, user: actor.id)
        var change = Change(item, notices: [ChangeNotice(conversationIDs: [id], reason: "outbox")])
        if let macro = input.macroID {
            change.absorb(try await ApplyMacroAction(context: tx).apply(
                macro, to: id, by: actor, repliedPublicly: draft.channel == .public, in: tx))
        }
        return change
    }

    private func queue(_ draft: ReplyDraft, in detail: ConversationDetail, by actor: UUID?, tx: ActionContext) async throws -> OutboxItem {
        let target = try ReplyTarget.of(draft, messages: detail.messages, customerXUserID: detail.customer.xUserID)
        let item = OutboxItem(
            id: tx.effects.newID(), conversationID: detail.conversation.id, handleID: detail.handle.answeringHandleID(for: draft.channel),
            channel: draft.channel,
            text: draft.text, inReplyToXID: target.inReplyToXID, recipientXUserID: target.recipientXUserID, state: .queued,
            attempts: 0, xID: nil, error: nil, createdBy: actor, createdAt: tx.now, sentAt: nil)
        try await OutboxQueries(database: tx.database).enqueue(item)
        return item
    }

    private static func said(_ channel: ParleyCore.Channel) -> String {
        switch channel {
        case .public: "public reply queued"
        case .dm: "DM queued"
        case .email: "e-mail queued"
        }
    }
}
