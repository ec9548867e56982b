import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The web inbox: the queue, a conversation, and its forms.
struct InboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in req.redirect(to: "/inbox") }
        routes.get("inbox", use: queue)
        routes.get("inbox", "rows", use: queueRows)
        routes.get("conversations", ":id", use: conversation)
        routes.get("conversations", ":id", "messages", use: messages)
        routes.post("conversations", ":id", "replies", use: reply)
        routes.post("conversations", ":id", "resolve", use: resolve)
        routes.post("conversations", ":id", "reopen", use: reopen)
        routes.post("conversations", ":id", "pending", use: pending)
        routes.post("conversations", ":id", "snooze", use: snooze)
        routes.post("conversations", ":id", "take", use: take)
        routes.post("conversations", ":id", "tags", use: tag)
        routes.post("conversations", ":id", "customer-emails", use: confirmEmail)
        routes.get("conversations", ":id", "messages", ":message", "attachments", ":n", use: attachment)
        routes.post("conversations", ":id", "notes", use: note)
        routes.post("conversations", ":id", "take-over", use: takeOver)
        routes.post("conversations", "bulk", use: bulk)
    }

    struct BulkForm: Content {
        var action: BulkAction
        var ids: [UUID]?
        var tags: String?
    }

    /// The queue's bulk form: back to the queue with what happened.
    @Sendable func bulk(req: Request) async throws -> Response {
        let form = try req.content.decode(BulkForm.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let notice: String
        do {
            let tags = (form.tags ?? "").commaSeparatedItems
            let outcome = try await req.actions.bulk.run(form.action, ids: form.ids ?? [], tags: tags, by: user)
            notice = "\(outcome.changed) changed" + (outcome.refused.isEmpty ? "." : ", \(outcome.refused.count) refused: " + outcome.refused.map(\.reason).joined(separator: "; "))
        } catch {
            guard let refusal = HTTPError.refusal(error) else { throw error }
            notice = refusal.message
        }
        return req.redirect(to: "/inbox", notice: notice)
    }

    @Sendable func takeOver(req: Request) async throws -> Response {
        try await act(req) { id, user in try await req.actions.takeOver.run(id, by: user) }
    }

    struct QueueQuery: Decodable {
        var state: String?
        var handle: String?
        var cursor: String?
        var sort: String?
        var view: String?
        var tag: String?
    }

    @Sendable func queue(req: Request) async throws -> View {
        try await req.view.render("queue", try await queuePage(req))
    }

    /// The queue's rows alone, for the same query (page and filters included): what live updates
    /// swap in, from the one template that draws a row.
    @Sendable func queueRows(req: Request) async throws -> View {
        try await req.view.render("queue-rows", try await queuePage(req))
    }

    private func queuePage(_ req: Request) async throws -> QueuePage {
        let query = try req.query.decode(QueueQuery.self)
        let state: ConversationState? = query.state == "all" ? nil : ConversationState(rawValue: query.state ?? "open") ?? .open
        let handles = try await req.parley.handles.all()
        let handleID = handles.first { $0.username == query.handle }?.id
        let order = query.sort.flatMap(QueueOrder.init(rawValue:)) ?? .lastActivity
        let cursor = query.cursor.flatMap(QueueCursor.init(token:)).flatMap {
            ($0.priority != nil) == (order == .priority) && $0.ascending == order.isDateOrder ? $0 : nil
        }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let view = QueueView(rawValue: query.view ?? "all") ?? .all
        let filter = try await req.parley.queueFilter(view: view.rawValue, tag: query.tag.flatMap(TagRule.normalize), user: user)
        let page = try await req.parley.conversations.page(
            state: state, handleID: handleID, order: order, filter: filter, limit: 50, after: cursor)
        let ids = page.items.map(\.conversation.id)
        let fields = try await DeskFieldsQueries(database: req.db).fields(ids)
        let tags = try await TagQueries(database: req.db).tags(of: ids)
        let viewers = try await CollisionQueries(database: req.db)
            .present(ids, since: req.parley.effects.now().addingTimeInterval(-Presence.lasts))
        return QueuePage(
                user: user, csrf: CSRFProtection.token(for: req), state: query.state ?? "open", handle: query.handle ?? "",
                sort: order.rawValue, view: view.rawValue, tag: query.tag.flatMap(TagRule.normalize) ?? "",
                handles: handles.map(\.username),
                rows: page.items.map {
                    QueuePage.Row(
                        $0, now: req.parley.effects.now(), time: req.localTime, desk: fields[$0.conversation.id], tags: tags[$0.conversation.id] ?? [],
                        viewers: viewers[$0.conversation.id] ?? [])
                },
                nextCursor: page.nextCursor?.token, xAlerts: try await xAlerts(req) + (req.query[String.self, at: "notice"].map { [$0] } ?? []),
                banners: try await req.banners())
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

    /// A conversation's messages alone: what live updates swap in, from the one template that draws a message.
    @Sendable func messages(req: Request) async throws -> View {
        let id = try conversationID(req)
        guard let detail = try await req.parley.conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.view.render("messages", ConversationPage(detail, user: user, csrf: "", notice: nil, time: req.localTime))
    }

    @Sendable func conversation(req: Request) async throws -> View {
        let id = try conversationID(req)
        guard let detail = try await req.parley.conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        var page = ConversationPage(
            detail, user: user, csrf: CSRFProtection.token(for: req), notice: req.query["notice"], time: req.localTime,
            banners: try await req.banners())
        for (index, message) in detail.messages.enumerated() where message.kind == .email && index < page.messages.count {
            page.messages[index].attachments = try await MailAttachments.files(of: message, on: req.db).enumerated().map { n, file in
                .init(name: file.filename, size: InboundMail.size(file.data.count),
                      url: "/conversations/\(id)/messages/\(message.id)/attachments/\(n)")
            }
        }
        let emails = CustomerEmailQueries(database: req.db)
        page.customer.confirmedEmails = try await emails.addresses(of: detail.customer.id)
        page.pastCases = try await req.parley.conversations.otherCases(customerIDs: try await emails.identities(of: detail.customer), excluding: id).map {
            ConversationPage.PastCase(
                id: $0.id.uuidString, state: $0.state.rawValue, lastActivity: req.localTime.format($0.lastMessageAt),
                channels: $0.channels.map(\.rawValue).joined(separator: ", "))
        }
        let lock = try await CollisionQueries(database: req.db).lock(id, at: req.parley.effects.now())
        page.replyingNow = lock.flatMap { $0.userID == user.id ? nil : $0.name }
        // Only the handle public replies go out from: a conversation page is read often.
        let publicFrom = detail.handle.answeringHandleID(for: .public)
        let replying = publicFrom == detail.handle.id ? detail.handle : try await HandleQueries(database: req.db).find(publicFrom)
        if let replying {
            if replying.id != detail.handle.id { page.answerFrom = "@" + replying.username }
            let left = try await PostingLimitsView.remaining(replying, on: req.db, now: req.parley.effects.now())
            page.limitsLeft = "@\(replying.username): " + CalendarPage.limitWords(left)
        }
        let base = req.application.parleyServices.config.publicURL
        let suggestions = try await ArticleSuggestions(database: req.db).suggest(for: detail)
        page.articles = suggestions.enumerated().map { index, suggestion in
            ConversationPage.ArticleLink(title: suggestion.hit.article.title, url: base + suggestion.path, snippet: suggestion.hit.snippetHTML, key: index + 1)
        }
        page.helpBrand = try await BrandQueries(database: req.db).brand(ofHandle: detail.handle.id)?.slug
        if let survey = try await CSATQueries(database: req.db).forConversation(id) {
            let sent = "survey sent \(req.localTime.format(survey.sentAt)) by \(survey.channel == .public ? "public reply" : survey.channel == .dm ? "DM" : "e-mail")"
            page.satisfaction = survey.rating.map { "\($0) of 5" + (survey.comment.map { ": “\($0)”" } ?? "") + " (\(sent))" } ?? "no answer yet (\(sent))"
        }
        page.draft = req.query["draft"]
        page.sendAs = ConversationPage.SendOption.options(customerXUserID: detail.customer.xUserID, chosen: req.query["channel"])
        page.askConfirmStale = req.query["stale"] == "1"
        page.seenUpTo = detail.messages.map(\.createdAt).max().map { String($0.timeIntervalSince1970) } ?? ""
        page.desk = ConversationPage.DeskPanel(
            fields: try await DeskFieldsQueries(database: req.db).fields([id])[id],
            tags: try await TagQueries(database: req.db).tags(of: id),
            notes: try await NoteQueries(database: req.db).notes(id),
            audit: try await AuditQueries(database: req.db).trail(id),
            names: Dictionary(uniqueKeysWithValues: try await AgentQueries(database: req.db).profiles().map { ($0.id, $0.name) }),
            me: user.id, time: req.localTime)
        return try await req.view.render("conversation", page)
    }

    /// The desk's forms: each does what its API route does, then shows the conversation again
    /// (with the reason when the rules refuse it).
    private func act(_ req: Request, _ body: (UUID, DeskUser) async throws -> Void) async throws -> Response {
        let id = try conversationID(req)
        let user = try req.auth.require(AuthenticatedUser.self).user
        do {
            try await body(id, user)
        } catch {
            guard let refusal = HTTPError.refusal(error) else { throw error }
            return req.redirect(to: "/conversations/\(id)", notice: refusal.message)
        }
        return req.redirect(to: "/conversations/\(id)")
    }

    @Sendable func pending(req: Request) async throws -> Response {
        try await act(req) { id, user in try await req.actions.changeState.run(id, to: .pending, by: user) }
    }

    struct SnoozeForm: Content {
        var minutes: Int
    }

    @Sendable func snooze(req: Request) async throws -> Response {
        let minutes = try req.content.decode(SnoozeForm.self).minutes
        return try await act(req) { id, user in
            guard (1...(60 * 24 * 30)).contains(minutes) else { throw HTTPError(.badRequest, "bad_request", "Snooze for 1 minute to 30 days.") }
            try await req.actions.changeState.run(id, to: .snooze, until: req.parley.effects.now().addingTimeInterval(Double(minutes) * 60), by: user)
        }
    }

    @Sendable func take(req: Request) async throws -> Response {
        try await act(req) { id, user in try await req.actions.assign.run(id, to: user.id, by: user) }
    }

    struct TagForm: Content {
        var tags: String
    }

    @Sendable func tag(req: Request) async throws -> Response {
        let raw = try req.content.decode(TagForm.self).tags
        return try await act(req) { id, user in try await req.actions.tag.add(raw.commaSeparatedItems, to: id, by: user) }
    }

    /// A file a customer sent, served as a download whatever it claims to be (an image or PDF the
    /// form checked by its bytes keeps its type; anything else is bytes), never run by the page.
    @Sendable func attachment(req: Request) async throws -> Response {
        let id = try conversationID(req)
        guard let messageID = req.parameters.get("message").flatMap(UUID.init(uuidString:)), let n = req.parameters.get("n").flatMap(Int.init),
            let detail = try await req.parley.conversations.detail(id), let message = detail.messages.first(where: { $0.id == messageID })
        else { throw HTTPError.notFound("attachment") }
        let files = try await MailAttachments.files(of: message, on: req.db)
        guard files.indices.contains(n) else { throw HTTPError.notFound("attachment") }
        let file = files[n]
        let kind = AttachmentKind.of(file.data)
        let name = SupportFormRules.filename(file.filename, kind: kind)
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.replaceOrAdd(name: .contentType, value: kind?.contentType ?? "application/octet-stream")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return response
    }

    struct EmailForm: Content {
        var address: String
    }

    @Sendable func confirmEmail(req: Request) async throws -> Response {
        let address = try req.content.decode(EmailForm.self).address
        return try await act(req) { id, user in try await req.actions.confirmEmail.run(address, on: id, by: user) }
    }

    struct NoteForm: Content {
        var body: String
    }

    @Sendable func note(req: Request) async throws -> Response {
        let body = try req.content.decode(NoteForm.self).body
        return try await act(req) { id, user in try await req.actions.note.add(body, to: id, by: user) }
    }

    struct ReplyForm: Content {
        var text: String
        var channel: ParleyCore.Channel
        var seenUpTo: String?
        var confirmStale: String?
        /// The template whose macro actions apply once the reply is queued.
        var macroID: String?

        enum CodingKeys: String, CodingKey {
            case text, channel
            case seenUpTo = "seen_up_to"
            case confirmStale = "confirm_stale"
            case macroID = "macro_id"
        }
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let id = try conversationID(req)
        let form = try req.content.decode(ReplyForm.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let seen = form.seenUpTo.flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0) }
        func back(_ notice: String, stale: Bool = false) -> Response {
            var values = [(key: "draft", value: form.text), (key: "channel", value: form.channel.rawValue)]
            if stale { values.append((key: "stale", value: "1")) }
            return req.redirect(to: "/conversations/\(id)", notice: notice, keeping: values)
        }
        do {
            _ = try await req.actions.reply.run(
                .init(conversationID: id, text: form.text, channel: form.channel, seenUpTo: seen, confirmStale: form.confirmStale == "on",
                      macroID: form.macroID.flatMap(UUID.init(uuidString:))),
                by: user)
        } catch {
            guard let refusal = HTTPError.refusal(error) else { throw error }
            return back(refusal.message, stale: refusal.code == "stale_view")
        }
        return req.redirect(to: "/conversations/\(id)")
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        let id = try conversationID(req)
        try await req.actions.changeState.run(id, to: .resolve, by: try req.auth.require(AuthenticatedUser.self).user)
        return req.redirect(to: "/inbox")
    }

    @Sendable func reopen(req: Request) async throws -> Response {
        let id = try conversationID(req)
        try await req.actions.changeState.run(id, to: .reopen, by: try req.auth.require(AuthenticatedUser.self).user)
        return req.redirect(to: "/conversations/\(id)")
    }
}
