import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The supervisor dashboard: live backlog per team and state, oldest waiting, each agent's load
/// and status, SLA attainment today. A page (refreshed by live updates) and `GET /api/v1/dashboard`.
struct DashboardController {
    struct DashboardDTO: Content {
        struct Backlog: Content {
            var team: String
            var state: String
            var count: Int
            var oldestWaitingMinutes: Int?

            enum CodingKeys: String, CodingKey {
                case team, state, count
                case oldestWaitingMinutes = "oldest_waiting_minutes"
            }
        }

        var backlog: [Backlog]
        var agents: [AgentDTO]
        var answeredToday: Int
        var breachedToday: Int
        var slaAttainmentToday: Double?

        enum CodingKeys: String, CodingKey {
            case backlog, agents
            case answeredToday = "answered_today"
            case breachedToday = "breached_today"
            case slaAttainmentToday = "sla_attainment_today"
        }
    }

    static func figures(_ req: Request) async throws -> DashboardDTO {
        let now = req.parley.effects.now()
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let figures = try await DashboardQueries(database: req.db).figures(dayStart: utc.startOfDay(for: now))
        let teams = Dictionary(uniqueKeysWithValues: try await TeamQueries(database: req.db).all().map { ($0.id, $0.name) })
        return DashboardDTO(
            backlog: figures.backlog.map {
                .init(team: $0.teamID.flatMap { teams[$0] } ?? "No team", state: $0.state, count: $0.count,
                      oldestWaitingMinutes: $0.oldestWaitingSince.map { max(0, Int(now.timeIntervalSince($0) / 60)) })
            },
            agents: try await AgentQueries(database: req.db).profiles().map(AgentDTO.init),
            answeredToday: figures.answeredToday, breachedToday: figures.breachedToday,
            slaAttainmentToday: figures.attainmentToday)
    }

    struct API: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.requiring(.supervisor).get("dashboard") { req in try await DashboardController.figures(req) }
        }
    }

    struct Page: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.requiring(.supervisor).get("dashboard", use: page)
        }

        struct View: Encodable {
            var user: UserBadge
            var csrf: String
            var figures: DashboardDTO
            var attainment: String
            /// The last day's spike alerts, newest first.
            var alerts: [Alert]
            struct Alert: Encodable { var id: String; var headline: String; var at: String; var acknowledged: Bool }
        }

        @Sendable func page(req: Request) async throws -> Vapor.View {
            let figures = try await DashboardController.figures(req)
            let user = try req.auth.require(AuthenticatedUser.self).user
            return try await req.view.render("dashboard", View(
                user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), figures: figures,
                attainment: figures.slaAttainmentToday.map { String(format: "%.1f%%", $0 * 100) } ?? "no answers yet today",
                alerts: try await ListeningQueries(database: req.db).alerts(since: req.parley.effects.now().addingTimeInterval(-86_400)).map {
                    .init(id: $0.id.uuidString, headline: $0.headline, at: req.localTime.format($0.detectedAt), acknowledged: $0.acknowledgedAt != nil)
                }))
        }
    }
}
