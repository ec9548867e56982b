import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/topics`: what customers wrote about in the last days, per handle: topics with their trend,
/// bug reports and suggestions and samples, the hashtags used, and the export (supervisors).
struct TopicsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.supervisor).get("topics", use: page)
    }

    struct Page: Encodable {
        var user: UserBadge
        var csrf: String
        var handles: [ReportsPage.Option]
        var days: String
        var summary: String
        var csv: String
        var trending: [Row]
        var topics: [Row]
        var hashtags: [Tag]
        var chart: ReportChart?

        struct Row: Encodable {
            var label: String
            var handle: String
            var messages: Int
            var cases: Int
            var lastDay: Int
            var trending: Bool
            var bugs: Int
            var suggestions: Int
            var seen: String
            var samples: [String]
        }

        struct Tag: Encodable {
            var tag: String
            var uses: Int
            var lastDay: Int
        }
    }

    @Sendable func page(req: Request) async throws -> View {
        let handles = try await req.parley.handles.all().sorted { $0.username.lowercased() < $1.username.lowercased() }
        let query = try req.query.decode(DeskTopics.Query.self)
        let request = try DeskTopics.parse(query, handles: handles, now: req.parley.effects.now())
        let digest = try await request.digest(on: req.db, handles: handles)
        let names = Dictionary(handles.map { ($0.id, "@" + $0.username) }, uniquingKeysWith: { a, _ in a })
        let time = req.localTime
        let shown = digest.topics.filter { $0.messages >= 2 }.prefix(50)
        let rows = shown.map { t in
            Page.Row(label: t.label, handle: names[t.handleID] ?? "", messages: t.messages, cases: t.cases, lastDay: t.lastDay, trending: t.trending,
                     bugs: t.bugs, suggestions: t.suggestions, seen: "\(time.format(t.firstSeen)) to \(time.format(t.lastSeen))",
                     samples: t.samples.map { $0.count > 200 ? String($0.prefix(199)) + "…" : $0 })
        }
        let grouped = digest.topics.filter { $0.messages >= 2 }.map(\.messages).reduce(0, +)
        let top = Array(shown.prefix(10))
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.view.render("topics", Page(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req),
            handles: [ReportsPage.Option(value: "", label: "All handles", selected: request.handle == nil)]
                + handles.map { ReportsPage.Option(value: $0.username, label: "@" + $0.username, selected: $0.id == request.handle?.id) },
            days: String(request.days),
            summary: "\(digest.messages) customer messages in the last \(request.days) days; \(grouped) of them in \(digest.topics.filter { $0.messages >= 2 }.count) topics of two or more.",
            csv: "/api/v1/topics?days=\(request.days)\(request.handle.map { "&handle=\($0.username)" } ?? "")&format=csv",
            trending: rows.filter(\.trending), topics: rows,
            hashtags: digest.hashtags.prefix(20).map { Page.Tag(tag: "#" + $0.tag, uses: $0.uses, lastDay: $0.lastDay) },
            chart: top.isEmpty ? nil : ReportChart(
                id: "chart-topics", title: "The largest topics: messages in the period, and in the last 24 hours",
                points: top.map { .init(label: $0.label, value: Double($0.messages), line: Double($0.lastDay)) },
                barName: "Messages", lineName: "Last 24 hours", format: { String(Int($0.rounded())) })))
    }
}
