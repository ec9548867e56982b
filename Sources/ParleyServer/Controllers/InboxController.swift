import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The web inbox: the queue, a conversation, and its forms.
struct InboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in req.redirect(to: "/inbox") }
        routes.get("inbox", use: queue)
        routes.get("conversations", ":id", use: conversation)
        routes.post("conversations", ":id", "replies", use: reply)
        routes.post("conversations", ":id", "resolve", use: resolve)
        routes.post("conversations", ":id", "reopen", use: reopen)
    }

    struct QueueQuery: Decodable {
        var state: String?
        var handle: String?
        var cursor: String?
        var sort: String?
    }

    @Sendable func queue(req: Request) async throws -> View {
        let query = try req.query.decode(QueueQuery.self)
        let state: ConversationState? = query.state == "all" ? nil : ConversationState(rawValue: query.state ?? "open") ?? .open
        let handles = try await req.parley.handles.all()
        let handleID = handles.first { $0.username == query.handle }?.id
        let order = query.sort.flatMap(QueueOrder.init(rawValue:)) ?? .lastActivity
        let cursor = query.cursor.flatMap(QueueCursor.init(token:)).flatMap { ($0.priority != nil) == (order == .priority) ? $0 : nil }
        let page = try await req.parley.conversations.page(state: state, handleID: handleID, order: order, limit: 50, after: cursor)
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.view.render(
            "queue",
            QueuePage(
                user: user, csrf: CSRFProtection.token(for: req), state: query.state ?? "open", handle: query.handle ?? "",
                sort: order.rawValue,
                handles: handles.map(\.username), rows: page.items.map { QueuePage.Row($0, now: req.parley.effects.now()) },
                nextCursor: page.nextCursor?.token, xAlerts: try await xAlerts(req)))
    }

    /// What the team must know about the X connection: a handle to authorize again, reads paused.
    func xAlerts(_ req: Request) async throws -> [String] {
        guard let x = req.application.parleyServices.x else { return [] }
        var alerts: [String] = []
        for status in try await XConnectionQueries(database: req.db).statuses() {
            if status.authState == .needsReauth {
                alerts.append("X no longer accepts @\(status.username)'s authorization: nothing is read or sent for it until an admin runs `parley handle connect` again.")
            } else if try await x.meter.budgetReached(status) {
                alerts.append("@\(status.username) reached its monthly X budget: reads are paused (replies still go out).")
            }
        }
        return alerts
    }

    @Sendable func conversation(req: Request) async throws -> View {
        let id = try conversationID(req)
        guard let detail = try await req.parley.conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.view.render(
            "conversation", ConversationPage(detail, user: user, csrf: CSRFProtection.token(for: req), notice: req.query["notice"]))
    }

    struct ReplyForm: Content {
        var text: String
        var channel: ParleyCore.Channel
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let id = try conversationID(req)
        let form = try req.content.decode(ReplyForm.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        do {
            _ = try await req.parley.reply(to: id, text: form.text, channel: form.channel, by: user)
        } catch let error as ReplyDraftError {
            return req.redirect(to: "/conversations/\(id)?notice=\(error.description.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")")
        }
        return req.redirect(to: "/conversations/\(id)")
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        let id = try conversationID(req)
        try await req.parley.change(id, to: .resolve, by: try req.auth.require(AuthenticatedUser.self).user)
        return req.redirect(to: "/inbox")
    }

    @Sendable func reopen(req: Request) async throws -> Response {
        let id = try conversationID(req)
        try await req.parley.change(id, to: .reopen, by: try req.auth.require(AuthenticatedUser.self).user)
        return req.redirect(to: "/conversations/\(id)")
    }
}
