import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// What agents do to a conversation, shared by the inbox's forms and the JSON API so both follow
/// the same rules (decided in ParleyCore) and write the same rows.
extension RequestParley {
    /// How long a reply lock lasts without a keystroke.
    static let replyLockSeconds: Double = 120

    /// Queues a reply. Refused while another agent holds the case's reply (they must take over
    /// first), and — when `seenUpTo` is given — if the customer wrote since the agent's view was
    /// loaded, unless `confirmStale`.
    func reply(
        to id: UUID, text: String, channel: ParleyCore.Channel, by user: DeskUser, seenUpTo: Date? = nil, confirmStale: Bool = false
    ) async throws -> OutboxItem {
        let draft = try ReplyDraft(text: text, channel: channel)
        guard let detail = try await conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let collision = CollisionQueries(database: database)
        let lock = try await collision.acquire(
            id, user: user.id, until: effects.now().addingTimeInterval(Self.replyLockSeconds), at: effects.now())
        if let lock, lock.userID != user.id {
            throw HTTPError(.conflict, "replying", "\(lock.name) is replying. Take over to send yours.")
        }
        if let seenUpTo, !confirmStale,
           detail.messages.contains(where: { !$0.kind.isOwn && $0.createdAt.timeIntervalSince(seenUpTo) > 0.001 }) {
            throw HTTPError(.conflict, "stale_view", "The customer wrote again since this conversation was loaded. Read it, then confirm to send.")
        }
        let target = try ReplyTarget.of(draft, messages: detail.messages, customerXUserID: detail.customer.xUserID)
        let item = OutboxItem(
            id: effects.newID(), conversationID: id, handleID: detail.handle.id, channel: draft.channel, text: draft.text,
            inReplyToXID: target.inReplyToXID, recipientXUserID: target.recipientXUserID, state: .queued, attempts: 0,
            xID: nil, error: nil, createdBy: user.id, createdAt: effects.now(), sentAt: nil)
        try await outbox.enqueue(item)
        try await AuditQueries(database: database).record([AuditEvent(
            id: effects.newID(), conversationID: id, actorID: user.id, action: "replied",
            detail: draft.channel == .dm ? "DM queued" : "public reply queued", createdAt: effects.now())])
        try await AgentQueries(database: database).touch(user.id, at: effects.now())
        try await collision.release(id, user: user.id)
        await hub.publish(ChangeNotice(conversationIDs: [id], reason: "outbox"))
        return item
    }

    /// Gives a case to `target` (nil: unassigns), audited as `action`. Agents may take a case or
    /// give back their own; assigning anyone else, unassigning someone else, or taking a case
    /// another agent holds, takes a supervisor.
    func assign(_ id: UUID, to target: UUID?, by user: DeskUser, action: String) async throws {
        guard let fields = try await DeskFieldsQueries(database: database).fields([id])[id] else {
            throw HTTPError.notFound("conversation")
        }
        let supervisor = user.role.includes(.supervisor)
        if let target {
            if target != user.id {
                guard supervisor else { throw HTTPError(.forbidden, "forbidden", "Only a supervisor may assign a case to someone else.") }
                guard try await AgentQueries(database: database).profile(target) != nil else { throw HTTPError.notFound("agent") }
            }
            if let holder = fields.assigneeID, holder != target, holder != user.id, !supervisor {
                throw HTTPError(.conflict, "assigned", "\(fields.assigneeName ?? "Someone") has this case; a supervisor can reassign it.")
            }
        } else {
            guard fields.assigneeID == user.id || supervisor else {
                throw HTTPError(.forbidden, "forbidden", "Only a supervisor may unassign someone else's case.")
            }
        }
        try await AssignmentQueries(database: database)
            .assign(id, to: target, by: user.id, action: action, at: effects.now(), newID: effects.newID())
        await hub.publish(ChangeNotice(conversationIDs: [id], reason: "assigned"))
    }

    /// Takes the case's reply from whoever holds it, in the audit trail.
    func takeOver(_ id: UUID, by user: DeskUser) async throws -> ReplyLock? {
        _ = try await requireConversation(id)
        let collision = CollisionQueries(database: database)
        let previous = try await collision.lock(id, at: effects.now())
        let lock = try await collision.acquire(
            id, user: user.id, until: effects.now().addingTimeInterval(Self.replyLockSeconds), at: effects.now(), force: true)
        try await audit(id, by: user, "took_over", previous.map { "the reply from \($0.name)" } ?? "the reply (nobody held it)")
        await hub.publish(ChangeNotice(conversationIDs: [id], reason: "presence"))
        return lock
    }

    /// State changes are journaled desk actions, so a rebuild from the journal keeps them; each
    /// also goes in the case's audit trail.
    func change(_ id: UUID, to kind: DeskAction.Kind, until: Date? = nil, by user: DeskUser) async throws {
        guard let conversation = try await conversations.find(id) else { throw HTTPError.notFound("conversation") }
        let target: ConversationState = switch kind {
        case .resolve: .resolved
        case .reopen: .open
        case .pending: .pending
        case .snooze: .snoozed
        }
        _ = try conversation.state.moving(to: target)
        if kind == .snooze {
            guard let until, until > effects.now() else {
                throw HTTPError(.badRequest, "invalid_until", "A snooze needs 'until', a time in the future (ISO 8601).")
            }
        }
        try await ingestor.record(DeskAction(kind: kind, conversationID: id, userID: user.id, at: effects.now(), until: until))
        let detail = until.map { "until \(ISO8601DateFormatter().string(from: $0))" } ?? target.rawValue
        try await AuditQueries(database: database).record([AuditEvent(
            id: effects.newID(), conversationID: id, actorID: user.id, action: kind.rawValue, detail: detail, createdAt: effects.now())])
        try await IngestProcessor(
            database: database, effects: effects, options: services.options, triager: services.triager,
            metrics: services.metrics, hub: hub
        ).drain()
    }
}
