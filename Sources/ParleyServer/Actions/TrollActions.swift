import Foundation
import ParleyCore
import ParleyStore
import ParleyX

/// Trolls: ignore (resolve as troll: tagged `troll`, out of SLA and the reports), mute the author
/// on X, block them (muted on X, and their new cases resolved as trolls by the desk pass: X's API
/// has no block write), and hide their reply in the brand's own thread. X's calls go through the
/// handle's credentials with their errors and cost metered.
struct TrollActions: Sendable {
    let context: ActionContext

    func ignore(_ id: UUID, by actor: DeskUser?) async throws {
        try await context.commit { tx in try await apply(id, by: actor?.id, why: "ignored as a troll", in: tx) }
    }

    func apply(_ id: UUID, by actor: UUID?, why: String, in tx: ActionContext) async throws -> Change<Void> {
        let conversation = try await tx.conversation(id)
        var change = try await TagAction(context: tx).apply(["troll"], to: id, by: actor, in: tx).map { _ in () }
        if conversation.state != .resolved {
            change.absorb(try await ChangeStateAction(context: tx).apply(id, to: .resolve, by: actor, audited: (.troll, why), in: tx))
        } else {
            try await tx.audit(id, by: actor, .troll, why)
        }
        return change
    }

    /// Mutes the case's author on X for the case's handle.
    func mute(_ id: UUID, by actor: DeskUser) async throws {
        let detail = try await Self.detail(id, context)
        try await xCall(detail.handle, resource: .userInteraction) { api, credential throws(XAPIError) in
            try await api.mute(userID: detail.handle.xUserID, target: detail.customer.xUserID, credential: credential)
        }
        try await context.commit { tx in
            try await tx.audit(id, by: actor.id, .muted, "@\(detail.customer.username) muted on X by @\(detail.handle.username)")
            return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "troll")])
        }
    }

    /// Blocks the author on the desk (and mutes them on X when X is connected), and ignores the case.
    func block(_ id: UUID, by actor: DeskUser) async throws {
        let detail = try await Self.detail(id, context)
        if context.services.x != nil {
            try await xCall(detail.handle, resource: .userInteraction) { api, credential throws(XAPIError) in
                try await api.mute(userID: detail.handle.xUserID, target: detail.customer.xUserID, credential: credential)
            }
        }
        try await context.commit { tx in
            try await TrollQueries(database: tx.database).block(detail.customer.xUserID, handleID: detail.handle.id, by: actor.id, at: tx.now)
            try await tx.audit(id, by: actor.id, .blocked, "@\(detail.customer.username) blocked for @\(detail.handle.username)")
            return try await apply(id, by: actor.id, why: "blocked as a troll", in: tx)
        }
    }

    /// Hides one of the case's messages: a reply in a thread the brand's handle started.
    func hide(_ id: UUID, messageXID: String, by actor: DeskUser) async throws {
        let detail = try await Self.detail(id, context)
        guard detail.messages.contains(where: { $0.xID == messageXID && !$0.kind.isOwn && $0.kind != .dm }) else {
            throw DeskError.notFound("message")
        }
        try await xCall(detail.handle, resource: .contentManage) { api, credential throws(XAPIError) in
            try await api.hideReply(postID: messageXID, hidden: true, credential: credential)
        }
        try await context.commit { tx in
            try await tx.audit(id, by: actor.id, .hidden, "a reply by @\(detail.customer.username) hidden in @\(detail.handle.username)'s thread")
            return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "troll")])
        }
    }

    private func xCall(_ handle: Handle, resource: XResource, _ call: (XAPI, XCredential) async throws(XAPIError) -> Void) async throws {
        guard let x = context.services.x else {
            throw DeskError.rejected(code: "x_not_connected", "X is not connected, so nothing can be muted or hidden on X.")
        }
        let credential: XCredential
        do {
            credential = try await x.credentials.user(handle.id)
        } catch let error as XConnectorError {
            throw DeskError.rejected(code: "x_not_authorized", error.description)
        }
        do {
            try await call(x.api, credential)
            try await x.meter.record(handleKey: handle.id.uuidString, usage: XUsage([resource: 1]), primary: resource)
        } catch {
            try await x.meter.record(handleKey: handle.id.uuidString, usage: .none, primary: resource)
            throw DeskError.rejected(code: "x_refused", "X refused: \(error)")
        }
    }

    static func detail(_ id: UUID, _ context: ActionContext) async throws -> ConversationDetail {
        guard let detail = try await context.conversations.detail(id) else { throw DeskError.notFound("conversation") }
        return detail
    }
}

extension Change {
    func map<T>(_ transform: (Value) -> T) -> Change<T> {
        Change<T>(transform(value), notices: notices, journaled: journaled)
    }
}
