import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/incidents`: open incidents (from an alert on the listening page, or by hand), and each
/// incident's page: severity, owner, the holding statement and its confirmed bulk send, linked
/// cases, linking an emerging issue, the timeline, and the crisis switch's whereabouts.
struct IncidentPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("incidents", use: list)
        routes.post("incidents", use: open)
        routes.get("incidents", ":incident", use: show)
        routes.post("incidents", ":incident", use: update)
        routes.post("incidents", ":incident", "link-issue", use: linkIssue)
        routes.post("incidents", ":incident", "send", use: send)
        routes.post("incidents", ":incident", "resolve", use: resolve)
        routes.post("incidents", ":incident", "crisis", use: crisis)
    }

    struct ListView: Encodable {
        var user: UserBadge
        var csrf: String
        var notice: String?
        var incidents: [Row]
        struct Row: Encodable { var id: String; var title: String; var severity: String; var state: String; var opened: String }
    }

    struct DetailView: Encodable {
        var user: UserBadge
        var csrf: String
        var notice: String?
        var id: String
        var title: String
        var severity: String
        var isCrisis: Bool
        var isOpen: Bool
        var owner: String
        var statement: String
        var cases: [Case]
        var unsent: Int
        var timeline: [Event]
        var issueOptions: [Option]
        var canDeclareCrisis: Bool
        var crisisOn: Bool
        struct Case: Encodable { var id: String; var customer: String; var state: String; var sent: Bool }
        struct Event: Encodable { var at: String; var text: String }
        struct Option: Encodable { var value: String; var label: String }
    }

    @Sendable func list(req: Request) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let rows = try await IncidentQueries(database: req.db).list().map {
            ListView.Row(id: $0.id.uuidString, title: $0.title, severity: $0.severity.rawValue, state: $0.state.rawValue, opened: req.localTime.format($0.createdAt))
        }
        return try await req.view.render("incidents", ListView(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: req.query["notice"], incidents: rows))
    }

    struct OpenForm: Content {
        var title: String
        var severity: Incident.Severity?
        var alertID: UUID?
        enum CodingKeys: String, CodingKey {
            case title, severity
            case alertID = "alert_id"
        }
    }

    @Sendable func open(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        var opened: Incident?
        let refused = try await req.formResult(back: "/incidents", done: "") {
            let form = try req.content.decode(OpenForm.self)
            opened = try await req.actions.incidents.open(
                title: form.title, severity: form.severity ?? .problem, ownerID: nil, alertID: form.alertID, by: user)
        }
        guard let opened else { return refused }
        return req.redirect(to: "/incidents/\(opened.id)", notice: "Incident opened.")
    }

    @Sendable func show(req: Request) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let id = try DeskController.uuid(req, "incident")
        let queries = IncidentQueries(database: req.db)
        guard let incident = try await queries.find(id) else { throw IncidentError.notFound }
        let linked = try await queries.cases(id)
        var cases: [DetailView.Case] = []
        for link in linked.prefix(200) {
            guard let detail = try await req.parley.conversations.detail(link.conversationID) else { continue }
            cases.append(.init(id: link.conversationID.uuidString, customer: "@" + detail.customer.username, state: detail.conversation.state.rawValue, sent: link.statementSentAt != nil))
        }
        var owner = "nobody"
        if let ownerID = incident.ownerID, let profile = try await AgentQueries(database: req.db).profile(ownerID) { owner = profile.name }
        let issues = try await ListeningQueries(database: req.db).issues(limit: 30).filter { $0.size >= 3 }
        return try await req.view.render("incident", DetailView(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: req.query["notice"],
            id: id.uuidString, title: incident.title, severity: incident.severity.rawValue, isCrisis: incident.severity == .crisis,
            isOpen: incident.state == .open, owner: owner, statement: incident.holdingStatement ?? "", cases: cases,
            unsent: linked.filter { $0.statementSentAt == nil }.count,
            timeline: try await queries.timeline(id).map { .init(at: req.localTime.format($0.at), text: $0.text) },
            issueOptions: issues.map { .init(value: $0.id.uuidString, label: "\($0.label) (\($0.size) reports)") },
            canDeclareCrisis: user.role.includes(.supervisor), crisisOn: try await CrisisQueries(database: req.db).active() != nil))
    }

    struct UpdateForm: Content {
        var severity: Incident.Severity?
        var statement: String?
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await attempt(req, done: "Incident updated.") { user, id in
            let form = try req.content.decode(UpdateForm.self)
            _ = try await req.actions.incidents.update(id, severity: form.severity, ownerID: nil, statement: form.statement.map { .some($0) }, by: user)
        }
    }

    struct IssueForm: Content {
        var issue: UUID
    }

    @Sendable func linkIssue(req: Request) async throws -> Response {
        try await attempt(req, done: "Cases linked.") { user, id in
            _ = try await req.actions.incidents.link(id, conversations: [], issueID: try req.content.decode(IssueForm.self).issue, by: user)
        }
    }

    struct SendForm: Content {
        var confirm: String?
    }

    @Sendable func send(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let id = try DeskController.uuid(req, "incident")
        var report: IncidentActions.SendReport?
        let refused = try await req.formResult(back: "/incidents/\(id)", done: "") {
            report = try await req.actions.incidents.sendStatement(id, confirmed: try req.content.decode(SendForm.self).confirm != nil, by: user)
        }
        guard let report else { return refused }
        return req.redirect(to: "/incidents/\(id)", notice: "Holding statement queued for \(report.queued) case\(report.queued == 1 ? "" : "s")\(report.skipped.isEmpty ? "" : "; \(report.skipped.count) skipped: \(report.skipped.first!)").")
    }

    /// Crisis mode on, for this incident: the escalation list hears the incident and its alert.
    @Sendable func crisis(req: Request) async throws -> Response {
        try await attempt(req, done: "Crisis mode is on: scheduled posts of the marketing handles are paused and the escalation list is told.") { user, id in
            guard let incident = try await IncidentQueries(database: req.db).find(id) else { throw IncidentError.notFound }
            _ = try await req.actions.crisis.start(reason: incident.title, handleIDs: nil, incidentID: id, by: user)
        }
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        try await attempt(req, done: "Incident resolved.") { user, id in _ = try await req.actions.incidents.resolve(id, by: user) }
    }

    private func attempt(_ req: Request, done: String, _ body: (DeskUser, UUID) async throws -> Void) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let id = try DeskController.uuid(req, "incident")
        return try await req.formResult(back: "/incidents/\(id)", done: done) { try await body(user, id) }
    }
}
