import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/api/v1/conversations`: the queue, a conversation, replies, resolve and reopen.
struct ConversationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let conversations = routes.grouped("conversations")
        conversations.get(use: index)
        conversations.get(":id", use: show)
        conversations.post(":id", "replies", use: reply)
        conversations.post(":id", "resolve", use: resolve)
        conversations.post(":id", "reopen", use: reopen)
    }

    struct IndexQuery: Decodable {
        var state: String?
        var handle: String?
        var limit: Int?
        var cursor: String?
        var sort: String?
        var view: String?
        var tag: String?
    }

    @Sendable func index(req: Request) async throws -> ConversationListDTO {
        let query = try req.query.decode(IndexQuery.self)
        let state = try query.state.map { raw in
            guard let state = ConversationState(rawValue: raw) else {
                throw HTTPError(.badRequest, "bad_request", "state must be one of: \(ConversationState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return state
        }
        let handleID = try await req.handleQuery(query.handle)?.id
        let limit = query.limit ?? 50
        guard (1...200).contains(limit) else { throw HTTPError(.badRequest, "bad_request", "limit must be between 1 and 200.") }
        let cursor = try query.cursor.map { token in
            guard let cursor = QueueCursor(token: token) else { throw HTTPError(.badRequest, "bad_request", "cursor is not one this API gave out.") }
            return cursor
        }
        let order = try query.sort.map { raw in
            guard let order = QueueOrder(rawValue: raw) else {
                throw HTTPError(.badRequest, "bad_request", "sort must be one of: \(QueueOrder.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return order
        } ?? .lastActivity
        let filter = try await req.parley.queueFilter(
            view: query.view, tag: query.tag, user: try req.auth.require(AuthenticatedUser.self).user)
        let page = try await req.parley.conversations.page(
            state: state, handleID: handleID, order: order, filter: filter, limit: limit, after: cursor)
        return ConversationListDTO(
            data: try await req.parley.withDesk(page.items.map(ConversationDTO.init)), nextCursor: page.nextCursor?.token)
    }

    @Sendable func show(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        guard let dto = try await req.parley.conversationDTO(id, whole: true) else { throw HTTPError.notFound("conversation") }
        return dto
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let id = try conversationID(req)
        let input = try req.content.decode(ReplyInputDTO.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let item = try await req.actions.reply.run(
            .init(conversationID: id, text: input.text, channel: input.channel, seenUpTo: input.seenUpTo,
                  confirmStale: input.confirmStale ?? false),
            by: user)
        return try await OutboxItemDTO(item).encodeResponse(status: .accepted, for: req)
    }

    @Sendable func resolve(req: Request) async throws -> ConversationDTO {
        try await change(req, to: .resolve)
    }

    @Sendable func reopen(req: Request) async throws -> ConversationDTO {
        try await change(req, to: .reopen)
    }

    private func change(_ req: Request, to kind: DeskAction.Kind) async throws -> ConversationDTO {
        let id = try conversationID(req)
        try await req.actions.changeState.run(id, to: kind, by: try req.auth.require(AuthenticatedUser.self).user)
        guard let dto = try await req.parley.conversationDTO(id, whole: true) else { throw HTTPError.notFound("conversation") }
        return dto
    }
}

func conversationID(_ req: Request) throws -> UUID {
    guard let raw = req.parameters.get("id"), let id = UUID(uuidString: raw) else {
        throw HTTPError.notFound("conversation")
    }
    return id
}
