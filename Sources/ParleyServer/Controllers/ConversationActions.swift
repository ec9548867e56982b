import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// What agents do to a conversation, shared by the inbox's forms and the JSON API so both follow
/// the same rules (decided in ParleyCore) and write the same rows.
extension RequestParley {
    func reply(to id: UUID, text: String, channel: ParleyCore.Channel, by user: DeskUser) async throws -> OutboxItem {
        let draft = try ReplyDraft(text: text, channel: channel)
        guard let detail = try await conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let target = try ReplyTarget.of(draft, messages: detail.messages, customerXUserID: detail.customer.xUserID)
        let item = OutboxItem(
            id: effects.newID(), conversationID: id, handleID: detail.handle.id, channel: draft.channel, text: draft.text,
            inReplyToXID: target.inReplyToXID, recipientXUserID: target.recipientXUserID, state: .queued, attempts: 0,
            xID: nil, error: nil, createdBy: user.id, createdAt: effects.now(), sentAt: nil)
        try await outbox.enqueue(item)
        await hub.publish(ChangeNotice(conversationIDs: [id], reason: "outbox"))
        return item
    }

    /// Resolving and reopening are journaled desk actions, so a rebuild from the journal keeps them.
    func change(_ id: UUID, to kind: DeskAction.Kind, by user: DeskUser) async throws {
        guard let conversation = try await conversations.find(id) else { throw HTTPError.notFound("conversation") }
        switch kind {
        case .resolve: _ = try conversation.state.resolving()
        case .reopen: _ = try conversation.state.reopening()
        }
        try await ingestor.record(DeskAction(kind: kind, conversationID: id, userID: user.id, at: effects.now()))
        try await IngestProcessor(
            database: database, effects: effects, options: services.options, triager: services.triager,
            metrics: services.metrics, hub: hub
        ).drain()
    }
}
