import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/calendar`: the week's scheduled posts, the composer, approval, and the crisis switch. Every
/// form calls the same actions as `/api/v1/scheduled-posts` and `/api/v1/crisis`; a refusal comes
/// back as the page's notice, with what was typed kept in the composer.
struct CalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", use: page)
        routes.post("calendar", "posts", use: save)
        routes.post("calendar", "posts", ":post", "submit", use: submit)
        routes.post("calendar", "posts", ":post", "approve", use: approve)
        routes.post("calendar", "posts", ":post", "reject", use: reject)
        routes.post("calendar", "posts", ":post", "delete", use: delete)
        routes.post("crisis", use: startCrisis)
        routes.post("crisis", "end", use: endCrisis)
    }

    struct PageQuery: Decodable {
        var week: String?
        var handle: String?
        var post: UUID?
        var notice: String?
        var text: String?
        var localTime: String?
        var formHandle: String?

        enum CodingKeys: String, CodingKey {
            case week, handle, post, notice, text
            case localTime = "local_time"
            case formHandle = "form_handle"
        }
    }

    @Sendable func page(req: Request) async throws -> View {
        let query = try req.query.decode(PageQuery.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let zone = req.localTime.zone
        let now = req.parley.effects.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        let anchor = query.week.flatMap { try? ScheduledPostRules.instant(local: "\($0)T12:00", in: zone) } ?? now
        let weekStart = calendar.dateInterval(of: .weekOfYear, for: anchor)?.start ?? calendar.startOfDay(for: anchor)
        let weekEnd = calendar.date(byAdding: .day, value: 7, to: weekStart) ?? weekStart.addingTimeInterval(7 * 86_400)

        let handles = try await HandleQueries(database: req.db).all()
        let filterHandle = try await req.handleQuery(query.handle)
        let crisis = try await CrisisQueries(database: req.db).active()
        let posts = try await ScheduledPostQueries(database: req.db).list(
            .init(handleIDs: filterHandle.map { [$0.id] }, from: weekStart, to: weekEnd))
        let reviewer = user.role.includes(.supervisor)
        let dayFormat = Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated) \(day: .defaultDigits) \(month: .abbreviated)", locale: Locale(identifier: "en_US_POSIX"),
            timeZone: zone, calendar: calendar)
        let timeFormat = Date.VerbatimFormatStyle(
            format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: zone, calendar: calendar)
        let days = (0..<7).map { offset -> CalendarPage.Day in
            let start = calendar.date(byAdding: .day, value: offset, to: weekStart)!
            let end = calendar.date(byAdding: .day, value: 1, to: start)!
            return CalendarPage.Day(
                label: start.formatted(dayFormat), isToday: (start..<end).contains(now),
                posts: posts.filter { (start..<end).contains($0.dueAt) }.map { post in
                    let mine = post.authorID == user.id || reviewer
                    return CalendarPage.Entry(
                        id: post.id.uuidString, time: post.dueAt.formatted(timeFormat),
                        handle: handles.first { $0.id == post.handleID }.map { "@" + $0.username } ?? "?", state: post.state.rawValue,
                        stateWords: post.state.words, text: post.text, parts: post.parts.count, hold: post.hold?.words, error: post.error,
                        rejectionNote: post.rejectionNote,
                        paused: (crisis?.pauses(post.handleID) ?? false) && [.scheduled, .awaitingApproval].contains(post.state),
                        canApprove: reviewer && post.state.after(.approve) != nil, canSubmit: mine && post.state.after(.submit) != nil,
                        canEdit: mine && post.state.after(.edit) != nil, canDelete: mine && post.state.after(.delete) != nil)
                })
        }
        let limits = try await PostingLimitsView.all(on: req.db, now: now).map { handle, left in
            CalendarPage.LimitRow(handle: "@" + handle.username, role: handle.role.rawValue, words: CalendarPage.limitWords(left))
        }
        var edited: ScheduledPost?
        if let id = query.post { edited = try await ScheduledPostQueries(database: req.db).find(id) }
        let form = CalendarPage.PostForm(
            id: edited?.id.uuidString,
            handle: query.formHandle ?? edited?.handleID.uuidString ?? handles.first { $0.role == .marketing }?.id.uuidString ?? "",
            text: query.text ?? edited?.text ?? "",
            localTime: query.localTime ?? edited.map { ScheduledPostRules.local($0.dueAt, in: zone) }
                ?? ScheduledPostRules.local(now.addingTimeInterval(3_600), in: zone),
            timeZone: zone.identifier)
        let isoDay = { (date: Date) in String(ScheduledPostRules.local(date, in: zone).prefix(10)) }
        return try await req.view.render("calendar", CalendarPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: query.notice,
            weekLabel: "Week of \(weekStart.formatted(dayFormat))",
            previousWeek: isoDay(calendar.date(byAdding: .day, value: -7, to: weekStart)!),
            nextWeek: isoDay(weekEnd), handle: query.handle ?? "",
            days: days, limits: limits, canReview: reviewer, form: form,
            handleOptions: handles.map { .init(value: $0.id.uuidString, label: "@\($0.username) (\($0.role.rawValue))", selected: $0.id.uuidString == form.handle) },
            crisisOn: crisis != nil,
            crisisHandleOptions: handles.map { .init(value: $0.id.uuidString, label: "@" + $0.username, selected: $0.role == .marketing) }))
    }

    struct PostFormInput: Content {
        var id: UUID?
        var handle: UUID
        var text: String
        var localTime: String
        var timeZone: String
        var submit: String?

        enum CodingKeys: String, CodingKey {
            case id, handle, text, submit
            case localTime = "local_time"
            case timeZone = "time_zone"
        }
    }

    /// A new post, or the edited one (`id`); "Save and submit" also asks for approval.
    @Sendable func save(req: Request) async throws -> Response {
        let form: PostFormInput
        do { form = try req.content.decode(PostFormInput.self) } catch {
            return req.redirect(to: "/calendar", notice: "That form was not complete: \(HTTPError(error).message)")
        }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let zone = form.timeZone.isEmpty ? req.localTime.zone.identifier : form.timeZone
        do {
            let posts = req.actions.scheduledPosts
            var post: ScheduledPost
            if let id = form.id {
                post = try await posts.edit(id, .init(text: form.text, when: .local(form.localTime), timeZone: zone), by: user)
            } else {
                post = try await posts.create(
                    .init(handleID: form.handle, text: form.text, when: .local(form.localTime), timeZone: zone, submit: false), by: user)
            }
            if form.submit != nil, post.state == .draft { post = try await posts.submit(post.id, by: user) }
            return req.redirect(to: "/calendar", notice: "Post \(post.state.words) for \(ScheduledPostRules.local(post.dueAt, in: TimeZone(identifier: zone) ?? .gmt).replacingOccurrences(of: "T", with: " ")).", keeping: [("week", String(form.localTime.prefix(10)))])
        } catch {
            guard let refusal = HTTPError.refusal(error) else { throw error }
            var keep: [(key: String, value: String)] = [("text", form.text), ("local_time", form.localTime), ("form_handle", form.handle.uuidString)]
            if let id = form.id { keep.append(("post", id.uuidString)) }
            return req.redirect(to: "/calendar", notice: refusal.message, keeping: keep)
        }
    }

    struct RejectForm: Content { var note: String }

    @Sendable func submit(req: Request) async throws -> Response {
        try await attempt(req, done: "Sent for approval.") { user, id in _ = try await req.actions.scheduledPosts.submit(id, by: user) }
    }

    @Sendable func approve(req: Request) async throws -> Response {
        try await attempt(req, done: "Approved: it goes out at its time.") { user, id in _ = try await req.actions.scheduledPosts.approve(id, by: user) }
    }

    @Sendable func reject(req: Request) async throws -> Response {
        try await attempt(req, done: "Sent back to its author.") { user, id in
            _ = try await req.actions.scheduledPosts.reject(id, note: try req.content.decode(RejectForm.self).note, by: user)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try await attempt(req, done: "Post deleted.") { user, id in try await req.actions.scheduledPosts.delete(id, by: user) }
    }

    struct CrisisForm: Content {
        var reason: String
        var handles: [UUID]?
    }

    @Sendable func startCrisis(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.formResult(back: "/calendar", done: "Crisis mode is on: scheduled posts of the chosen handles are paused and the escalation list is told.") {
            let form = try req.content.decode(CrisisForm.self)
            _ = try await req.actions.crisis.start(reason: form.reason, handleIDs: form.handles?.isEmpty == false ? form.handles : nil, by: user)
        }
    }

    @Sendable func endCrisis(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.formResult(back: "/calendar", done: "Crisis mode is off. Posts it held wait for review; none went out.") {
            _ = try await req.actions.crisis.end(by: user)
        }
    }

    private func attempt(_ req: Request, done: String, _ body: (DeskUser, UUID) async throws -> Void) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.formResult(back: "/calendar", done: done) { try await body(user, try DeskController.uuid(req, "post")) }
    }
}
