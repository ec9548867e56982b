import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/reports`: the reports page (supervisors and admins), read from the same query string as
/// the API; the viewer's time zone unless `tz` says otherwise.
struct ReportsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.supervisor).get("reports", use: page)
    }

    @Sendable func page(req: Request) async throws -> View {
        let now = req.parley.effects.now()
        let request = try ReportRequest.parse(try req.query.decode(ReportRequest.Query.self), now: now, defaultZone: req.localTime.zone, defaultGrouping: .day)
        let reports = DeskReports(database: req.db, handles: try await req.parley.handles.all(), now: now)
        let scope = try await reports.scope(request)
        let queries = ReportQueries(database: req.db)
        let activity = try await queries.activity(from: scope.from, to: scope.to, policies: try await SLAQueries(database: req.db).policies())
        let (cases, messages, spans) = (activity.cases, activity.messages, activity.spans)
        let replies = try await queries.repliesSent(from: scope.from, to: scope.to)
        let surveys = try await CSATQueries(database: req.db).responses(from: scope.from, to: scope.to)
        var overTime = scope
        overTime.grouping = scope.to.timeIntervalSince(scope.from) <= 3 * 86_400 ? .hour : .day
        let figures = ReportsPage.Figures(
            times: ResponseTimesTable(cases, scope: scope), sla: SLATable(cases, scope: scope, now: now),
            volume: VolumeTable(cases: cases, messages: messages, spans: spans, scope: scope),
            csat: CSATTable(surveys, scope: scope),
            agents: AgentsTable(cases, replies: replies, surveys: surveys, scope: scope, now: now),
            timesOverTime: ResponseTimesTable(cases, scope: overTime), slaOverTime: SLATable(cases, scope: overTime, now: now),
            volumeOverTime: VolumeTable(cases: cases, messages: messages, spans: spans, scope: overTime))
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.view.render("reports", ReportsPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), request: request, figures: figures))
    }
}
