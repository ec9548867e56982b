import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore

/// The leader's pass over the volume series: every series with enough posts of late to alert is
/// read back a week, scored by the spike detector, and a spike in one of its last two closed buckets becomes
/// an alert: stored once per series and bucket (whichever process finds it), then told to the
/// alert webhook by a job, and shown on the desk. A series stays quiet for a day after an alert.
struct SpikeWatcher: Sendable {
    let context: ActionContext
    let logger = Logger(label: "parley.spikes")

    /// Returns the alerts it raised.
    @discardableResult
    func runOnce() async throws -> [SpikeAlert] {
        let now = context.now
        let queries = ListeningQueries(database: context.database)
        let since = now.addingTimeInterval(-SpikeAlert.lookback)
        let handles = try await HandleQueries(database: context.database).all()
        var raised: [SpikeAlert] = []
        // Only its last two closed buckets can alert, and only with enough posts in their 15 minutes:
        // a series with fewer in the last half hour cannot, whatever its past (most hashtags).
        let candidates = try await queries.activeSeries(
            since: VolumeSeriesKey.bucketStart(now).addingTimeInterval(-5 * VolumeSeriesKey.bucket),
            minimum: SpikeDetector.fewestAlertingPosts())
        for key in candidates {
            let samples = SpikeAlert.points(buckets: try await queries.buckets(key, since: since), from: since, now: now)
            let points = SpikeEvaluation.detect(samples)
            for (sample, point) in zip(samples, points).suffix(2) where point.alert {
                let bucket = Date(timeIntervalSince1970: TimeInterval(sample.time))
                if let previous = try await queries.lastAlert(key), bucket.timeIntervalSince(previous) < SpikeAlert.quietAfter { continue }
                let issue: IssueCluster? = if key.kind == .issue, let id = UUID(uuidString: key.name) { try await queries.issue(id) } else { nil }
                let handleID = issue?.handleID ?? (key.kind == .handle ? UUID(uuidString: key.name) : nil)
                let alert = SpikeAlert(
                    id: context.effects.newID(), series: key, bucketStart: bucket, detectedAt: now,
                    headline: SpikeAlert.headline(
                        subject: Self.subject(key, issue: issue, handles: handles), point: point,
                        bucketEnd: bucket.addingTimeInterval(VolumeSeriesKey.bucket)),
                    last15Minutes: Int(point.last15Minutes), expected15Minutes: point.expected15Minutes, ratio: point.ratio, z: point.z,
                    issueID: issue?.id, handleID: handleID)
                let new = try await context.commit { tx in
                    guard try await ListeningQueries(database: tx.database).raise(alert) else { return Change(false) }
                    try await JobQueries(database: tx.database).enqueue(Job(
                        id: tx.effects.newID(), kind: .spikeAlert, payload: try SpikeAlertNotice(alert: alert, issue: issue).json(),
                        dueAt: tx.now, idempotencyKey: "spike:\(key.rawValue):\(Int(bucket.timeIntervalSince1970))", createdAt: tx.now))
                    try await Escalation.enqueue(
                        subject: "Spike alert: \(alert.headline)", body: SpikeAlertNotice.mailBody(alert, issue: issue),
                        key: "spike:\(key.rawValue):\(Int(bucket.timeIntervalSince1970))", in: tx)
                    return Change(true, notices: [ChangeNotice(conversationIDs: [], reason: "alert")])
                }
                if new {
                    raised.append(alert)
                    logger.notice("spike alert raised", metadata: ["series_kind": "\(key.kind.rawValue)", "ratio": "\(Int(point.ratio))"])
                }
            }
        }
        return raised
    }

    /// How an alert names its series.
    static func subject(_ key: VolumeSeriesKey, issue: IssueCluster?, handles: [Handle]) -> String {
        func handle(_ id: UUID?) -> String { handles.first { $0.id == id }.map { "@" + $0.username } ?? "a handle" }
        switch key.kind {
        case .handle: return handle(UUID(uuidString: key.name))
        case .term: return "Brand term “\(key.name)”"
        case .hashtag: return "#\(key.name)"
        case .issue: return "Emerging issue “\(issue?.label ?? "?")” on \(handle(issue?.handleID))"
        }
    }
}

/// What the alert webhook hears of a spike: the headline and figures, never a customer's words.
struct SpikeAlertNotice: Codable, Sendable {
    var event = "spike"
    var alertID: UUID
    var series: String
    var headline: String
    var bucketStart: Date
    var last15Minutes: Int
    var expected15Minutes: Double
    var ratio: Double
    var issueWords: [String]?

    enum CodingKeys: String, CodingKey {
        case event, series, headline, ratio
        case alertID = "alert_id"
        case bucketStart = "bucket_start"
        case last15Minutes = "posts_last_15_minutes"
        case expected15Minutes = "usual_15_minutes"
        case issueWords = "issue_words"
    }

    init(alert: SpikeAlert, issue: IssueCluster?) {
        alertID = alert.id
        series = alert.series.rawValue
        headline = alert.headline
        bucketStart = alert.bucketStart
        last15Minutes = alert.last15Minutes
        expected15Minutes = (alert.expected15Minutes * 10).rounded() / 10
        ratio = (alert.ratio * 10).rounded() / 10
        issueWords = issue.map { Array($0.topWords.prefix(5)) }
    }

    func json() throws -> String {
        String(decoding: try SLAAlert.encoder.encode(self), as: UTF8.self)
    }

    /// The escalation e-mail's text: the headline, the figures, the issue's words, where to look.
    static func mailBody(_ alert: SpikeAlert, issue: IssueCluster?) -> String {
        var lines = [
            alert.headline, "",
            "Posts in the last 15 minutes: \(alert.last15Minutes) (the usual for this hour: \(String(format: "%.1f", alert.expected15Minutes)))",
            "Detected: \(alert.detectedAt.formatted(.iso8601))",
        ]
        if let issue { lines.append("What customers report, in their words: \(issue.topWords.prefix(8).map { issue.forms[$0] ?? $0 }.joined(separator: ", ")) (\(issue.size) reports so far)") }
        lines += ["", "See it on the desk's Listening page, open an incident from it, and switch crisis mode on from the calendar if posts must pause."]
        return lines.joined(separator: "\n")
    }
}
