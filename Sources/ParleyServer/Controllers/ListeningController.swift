import FluentKit
import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/listening` and `/api/v1/alerts`, `/api/v1/emerging-issues`, `/api/v1/volume`: what the
/// brand's audience is saying in bulk: spike alerts (acknowledge them), emerging issues with
/// their words, last day's series and a sample, and any series' buckets.
struct ListeningController {
    struct IssueRow: Encodable {
        var id: String
        var label: String
        var handle: String
        var size: Int
        var words: [String]
        var firstSeen: String
        var lastSeen: String
        var sparkline: Sparkline
        var sample: [Sample]
    }

    struct Sample: Encodable {
        var text: String
        var at: String
        var conversationID: String?
    }

    struct AlertRow: Encodable {
        var id: String
        var headline: String
        var detectedAt: String
        var acknowledged: Bool
        var issueID: String?
    }

    struct HashtagRow: Encodable {
        var tag: String
        var lastHour: Int
        var sparkline: Sparkline
    }

    struct PageView: Encodable {
        var user: UserBadge
        var csrf: String
        var notice: String?
        var alerts: [AlertRow]
        var issues: [IssueRow]
        var hashtags: [HashtagRow]
    }

    static func lastDay(_ series: VolumeSeriesKey, on db: any Database, now: Date) async throws -> [Double] {
        let since = now.addingTimeInterval(-86_400)
        return SpikeAlert.points(buckets: try await ListeningQueries(database: db).buckets(series, since: since), from: since, now: now)
            .map(\.value)
    }

    struct Page: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("listening", use: page)
            routes.post("listening", "alerts", ":alert", "acknowledge", use: acknowledge)
        }

        @Sendable func page(req: Request) async throws -> View {
            let user = try req.auth.require(AuthenticatedUser.self).user
            let now = req.parley.effects.now()
            let queries = ListeningQueries(database: req.db)
            let handles = try await HandleQueries(database: req.db).all()
            let time = req.localTime
            var issues: [IssueRow] = []
            for issue in try await queries.issues(limit: 20) where now.timeIntervalSince(issue.lastSeen) < 7 * 86_400 && issue.size >= 3 {
                let handle = handles.first { $0.id == issue.handleID }.map { "@" + $0.username } ?? ""
                issues.append(IssueRow(
                    id: issue.id.uuidString, label: issue.label, handle: handle, size: issue.size,
                    words: issue.topWords.prefix(8).map { issue.forms[$0] ?? $0 },
                    firstSeen: time.format(issue.firstSeen), lastSeen: time.format(issue.lastSeen),
                    sparkline: Sparkline(
                        values: try await ListeningController.lastDay(VolumeSeriesKey(.issue, issue.id.uuidString), on: req.db, now: now),
                        describing: "“\(issue.label)”"),
                    sample: try await queries.sample(of: issue.id).map {
                        Sample(text: $0.text, at: time.format($0.createdAt), conversationID: $0.conversationID?.uuidString)
                    }))
            }
            issues.sort { $0.size > $1.size }
            let alerts = try await queries.alerts(since: now.addingTimeInterval(-7 * 86_400)).map {
                AlertRow(id: $0.id.uuidString, headline: $0.headline, detectedAt: time.format($0.detectedAt),
                         acknowledged: $0.acknowledgedAt != nil, issueID: $0.issueID?.uuidString)
            }
            var hashtags: [HashtagRow] = []
            for (key, count) in try await queries.busiest(.hashtag, since: now.addingTimeInterval(-3_600)) {
                hashtags.append(HashtagRow(
                    tag: "#" + key.name, lastHour: count,
                    sparkline: Sparkline(values: try await ListeningController.lastDay(key, on: req.db, now: now), describing: "#" + key.name)))
            }
            return try await req.view.render("listening", PageView(
                user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req),
                notice: req.query["notice"], alerts: alerts, issues: issues, hashtags: hashtags))
        }

        @Sendable func acknowledge(req: Request) async throws -> Response {
            let user = try req.auth.require(AuthenticatedUser.self).user
            try await req.actions.alerts.acknowledge(try DeskController.uuid(req, "alert"), by: user)
            return req.redirect(to: "/listening", notice: "Alert acknowledged.")
        }
    }

    struct AlertDTO: Content {
        var id: UUID
        var series: String
        var headline: String
        var bucketStart: Date
        var detectedAt: Date
        var last15Minutes: Int
        var expected15Minutes: Double
        var ratio: Double
        var issueID: UUID?
        var handleID: UUID?
        var acknowledgedBy: UUID?
        var acknowledgedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, series, headline, ratio
            case bucketStart = "bucket_start"
            case detectedAt = "detected_at"
            case last15Minutes = "posts_last_15_minutes"
            case expected15Minutes = "usual_15_minutes"
            case issueID = "issue_id"
            case handleID = "handle_id"
            case acknowledgedBy = "acknowledged_by"
            case acknowledgedAt = "acknowledged_at"
        }

        init(_ a: SpikeAlert) {
            id = a.id
            series = a.series.rawValue
            headline = a.headline
            bucketStart = a.bucketStart
            detectedAt = a.detectedAt
            last15Minutes = a.last15Minutes
            expected15Minutes = a.expected15Minutes
            ratio = a.ratio
            issueID = a.issueID
            handleID = a.handleID
            acknowledgedBy = a.acknowledgedBy
            acknowledgedAt = a.acknowledgedAt
        }
    }

    struct IssueDTO: Content {
        var id: UUID
        var label: String
        var handleID: UUID?
        var size: Int
        var words: [String]
        var firstSeen: Date
        var lastSeen: Date
        var series: String

        enum CodingKeys: String, CodingKey {
            case id, label, size, words, series
            case handleID = "handle_id"
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
        }
    }

    struct BucketDTO: Content {
        var start: Date
        var count: Int
    }

    struct API: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("alerts", use: alerts)
            routes.post("alerts", ":alert", "acknowledge", use: acknowledge)
            routes.get("emerging-issues", use: issues)
            routes.get("volume", use: volume)
        }

        @Sendable func alerts(req: Request) async throws -> [AlertDTO] {
            let now = req.parley.effects.now()
            return try await ListeningQueries(database: req.db).alerts(since: now.addingTimeInterval(-30 * 86_400), limit: 200).map(AlertDTO.init)
        }

        @Sendable func acknowledge(req: Request) async throws -> AlertDTO {
            let user = try req.auth.require(AuthenticatedUser.self).user
            return AlertDTO(try await req.actions.alerts.acknowledge(try DeskController.uuid(req, "alert"), by: user))
        }

        @Sendable func issues(req: Request) async throws -> [IssueDTO] {
            try await ListeningQueries(database: req.db).issues(limit: 100).map {
                IssueDTO(id: $0.id, label: $0.label, handleID: $0.handleID, size: $0.size, words: $0.topWords.prefix(10).map { w in w },
                         firstSeen: $0.firstSeen, lastSeen: $0.lastSeen, series: VolumeSeriesKey(.issue, $0.id.uuidString).rawValue)
            }
        }

        struct VolumeQuery: Decodable {
            var series: String
            var from: Date?
        }

        /// `?series=handle:<id>|term:<term>|hashtag:<tag>|issue:<id>&from=`: its 5-minute buckets (default: the last day).
        @Sendable func volume(req: Request) async throws -> [BucketDTO] {
            let query = try req.query.decode(VolumeQuery.self)
            guard let key = VolumeSeriesKey(rawValue: query.series) else {
                throw HTTPError(.badRequest, "bad_request", "series is kind:name, the kind one of handle, term, hashtag, issue.")
            }
            let since = query.from ?? req.parley.effects.now().addingTimeInterval(-86_400)
            return try await ListeningQueries(database: req.db).buckets(key, since: since).map { BucketDTO(start: $0.start, count: $0.count) }
        }
    }
}
