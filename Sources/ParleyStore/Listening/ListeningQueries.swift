import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Volume buckets, emerging issues and spike alerts.
public struct ListeningQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Adds the counts to their buckets (inside the ingest transaction).
    public func count(_ increments: [VolumeSeriesKey: [Date: Int]]) async throws {
        let sql = try database.requireSQL()
        var rows: [(String, Date, Int)] = []
        for (key, buckets) in increments { for (start, n) in buckets { rows.append((key.rawValue, start, n)) } }
        for chunk in chunks(rows, size: 300) {
            var insert = sql.insert(into: "volume_buckets").columns("series", "bucket_start", "count")
            for row in chunk { insert = insert.values(SQLBind(row.0), SQLBind(row.1), SQLBind(row.2)) }
            try await insert.onConflict(with: ["series", "bucket_start"]) {
                $0.set("count", to: SQLRaw("volume_buckets.count + excluded.count"))
            }.run()
        }
    }

    /// The series with at least `minimum` posts since `since`.
    public func activeSeries(since: Date, minimum: Int = 1) async throws -> [VolumeSeriesKey] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT series FROM volume_buckets WHERE bucket_start >= \(bind: since) GROUP BY series HAVING SUM(count) >= \(bind: minimum)
            """).all()
            .compactMap { VolumeSeriesKey(rawValue: try $0.decode(column: "series", as: String.self)) }
    }

    /// The series of one kind with the most posts since `since` (trending hashtags), busiest first.
    public func busiest(_ kind: VolumeSeriesKey.Kind, since: Date, limit: Int = 10) async throws -> [(key: VolumeSeriesKey, count: Int)] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT series, SUM(count) AS n FROM volume_buckets
            WHERE series LIKE \(bind: kind.rawValue + ":%") AND bucket_start >= \(bind: since)
            GROUP BY series ORDER BY n DESC, series LIMIT \(literal: limit)
            """).all().compactMap { row in
            guard let key = VolumeSeriesKey(rawValue: try row.decode(column: "series", as: String.self)) else { return nil }
            return (key, try row.decode(column: "n", as: Int.self))
        }
    }

    public func buckets(_ series: VolumeSeriesKey, since: Date) async throws -> [(start: Date, count: Int)] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT bucket_start, count FROM volume_buckets WHERE series = \(bind: series.rawValue) AND bucket_start >= \(bind: since)
            ORDER BY bucket_start
            """).all().map { (try $0.decode(column: "bucket_start", as: Date.self), try $0.decode(column: "count", as: Int.self)) }
    }

    // MARK: Emerging issues

    public func activeIssues(since: Date) async throws -> [IssueCluster] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT id, handle_id, word_counts, size, first_seen, last_seen FROM emerging_issues WHERE last_seen >= \(bind: since)
            """).all().map(Self.issue)
    }

    public func issues(limit: Int = 50) async throws -> [IssueCluster] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT id, handle_id, word_counts, size, first_seen, last_seen FROM emerging_issues ORDER BY last_seen DESC LIMIT \(literal: limit)
            """).all().map(Self.issue)
    }

    public func issue(_ id: UUID) async throws -> IssueCluster? {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT id, handle_id, word_counts, size, first_seen, last_seen FROM emerging_issues WHERE id = \(bind: id)
            """).first().map(Self.issue)
    }

    /// Saves the issues a batch touched, and links their new messages.
    public func save(_ issues: [IssueCluster], members: [(issue: UUID, message: UUID, at: Date)]) async throws {
        let sql = try database.requireSQL()
        for issue in issues {
            let words = String(decoding: try JSONEncoder().encode(StoredWords(counts: issue.wordCounts, forms: issue.forms)), as: UTF8.self)
            try await sql.insert(into: "emerging_issues")
                .columns("id", "handle_id", "word_counts", "label", "size", "first_seen", "last_seen")
                .values(SQLBind(issue.id), SQLBind(issue.handleID), SQLBind(words), SQLBind(issue.label), SQLBind(issue.size),
                        SQLBind(issue.firstSeen), SQLBind(issue.lastSeen))
                .onConflict(with: ["id"]) {
                    ["word_counts", "label", "size", "last_seen"].reduce($0) { $0.set(excludedValueOf: $1) }
                }.run()
        }
        for chunk in chunks(members, size: 300) {
            var insert = sql.insert(into: "emerging_issue_messages").columns("issue_id", "message_id", "created_at")
            for m in chunk { insert = insert.values(SQLBind(m.issue), SQLBind(m.message), SQLBind(m.at)) }
            try await insert.ignoringConflicts(with: ["issue_id", "message_id"]).run()
        }
    }

    /// One of an issue's messages, for its sample.
    public struct SampleMessage: Sendable, Equatable {
        public var messageID: UUID
        public var conversationID: UUID?
        public var text: String
        public var createdAt: Date
    }

    /// The issue's most recent messages.
    public func sample(of issue: UUID, limit: Int = 5) async throws -> [SampleMessage] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT m.id, m.conversation_id, m.text, m.created_at FROM emerging_issue_messages e JOIN messages m ON m.id = e.message_id
            WHERE e.issue_id = \(bind: issue) ORDER BY e.created_at DESC LIMIT \(literal: limit)
            """).all().map {
            SampleMessage(
                messageID: try $0.decode(column: "id", as: UUID.self), conversationID: try $0.decode(column: "conversation_id", as: UUID?.self),
                text: try $0.decode(column: "text", as: String.self), createdAt: try $0.decode(column: "created_at", as: Date.self))
        }
    }

    /// Conversations holding the issue's messages (linking a whole issue to an incident).
    public func conversations(of issue: UUID) async throws -> [UUID] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT DISTINCT m.conversation_id AS id FROM emerging_issue_messages e JOIN messages m ON m.id = e.message_id
            WHERE e.issue_id = \(bind: issue) AND m.conversation_id IS NOT NULL
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// `word_counts`: the counts by stem and each stem's written form.
    struct StoredWords: Codable {
        var counts: [String: Int]
        var forms: [String: String]
    }

    static func issue(_ row: any SQLRow) throws -> IssueCluster {
        let words = try row.decode(column: "word_counts", as: String.self)
        guard let stored = try? JSONDecoder().decode(StoredWords.self, from: Data(words.utf8)) else {
            throw StoreError.corruptValue(table: "emerging_issues", column: "word_counts", value: String(words.prefix(80)))
        }
        return IssueCluster(
            id: try row.decode(column: "id", as: UUID.self), handleID: try row.decode(column: "handle_id", as: UUID?.self),
            wordCounts: stored.counts, forms: stored.forms, size: try row.decode(column: "size", as: Int.self),
            firstSeen: try row.decode(column: "first_seen", as: Date.self), lastSeen: try row.decode(column: "last_seen", as: Date.self))
    }

    // MARK: Alerts

    /// Records the alert unless this series and bucket already have one; true when it was new.
    public func raise(_ alert: SpikeAlert) async throws -> Bool {
        let sql = try database.requireSQL()
        let inserted = try await sql.insert(into: "spike_alerts")
            .columns("id", "series", "bucket_start", "detected_at", "headline", "last_15_minutes", "expected_15_minutes", "ratio", "z",
                     "issue_id", "handle_id")
            .values(SQLBind(alert.id), SQLBind(alert.series.rawValue), SQLBind(alert.bucketStart), SQLBind(alert.detectedAt),
                    SQLBind(alert.headline), SQLBind(alert.last15Minutes), SQLBind(alert.expected15Minutes), SQLBind(alert.ratio),
                    SQLBind(alert.z), SQLBind(alert.issueID), SQLBind(alert.handleID))
            .ignoringConflicts(with: ["series", "bucket_start"])
            .returning("id").all()
        return !inserted.isEmpty
    }

    /// The series' last alert, for the quiet period after one.
    public func lastAlert(_ series: VolumeSeriesKey) async throws -> Date? {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT MAX(bucket_start) AS at FROM spike_alerts WHERE series = \(bind: series.rawValue)").first()?
            .decode(column: "at", as: Date?.self)
    }

    public func alerts(since: Date, limit: Int = 50) async throws -> [SpikeAlert] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT * FROM spike_alerts WHERE detected_at >= \(bind: since) ORDER BY detected_at DESC LIMIT \(literal: limit)
            """).all().compactMap(Self.alert)
    }

    public func alert(_ id: UUID) async throws -> SpikeAlert? {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT * FROM spike_alerts WHERE id = \(bind: id)").first().flatMap(Self.alert)
    }

    public func acknowledge(_ id: UUID, by user: UUID, at: Date) async throws {
        let sql = try database.requireSQL()
        let done = try await sql.update("spike_alerts").set("acknowledged_by", to: SQLBind(user)).set("acknowledged_at", to: SQLBind(at))
            .where("id", .equal, SQLBind(id)).returning("id").all()
        guard !done.isEmpty else { throw StoreError.notFound(what: "alert", id: id.uuidString) }
    }

    static func alert(_ row: any SQLRow) throws -> SpikeAlert? {
        guard let series = VolumeSeriesKey(rawValue: try row.decode(column: "series", as: String.self)) else { return nil }
        return SpikeAlert(
            id: try row.decode(column: "id", as: UUID.self), series: series, bucketStart: try row.decode(column: "bucket_start", as: Date.self),
            detectedAt: try row.decode(column: "detected_at", as: Date.self), headline: try row.decode(column: "headline", as: String.self),
            last15Minutes: try row.decode(column: "last_15_minutes", as: Int.self),
            expected15Minutes: try row.decode(column: "expected_15_minutes", as: Double.self), ratio: try row.decode(column: "ratio", as: Double.self),
            z: try row.decode(column: "z", as: Double.self), issueID: try row.decode(column: "issue_id", as: UUID?.self),
            handleID: try row.decode(column: "handle_id", as: UUID?.self), acknowledgedBy: try row.decode(column: "acknowledged_by", as: UUID?.self),
            acknowledgedAt: try row.decode(column: "acknowledged_at", as: Date?.self))
    }
}
