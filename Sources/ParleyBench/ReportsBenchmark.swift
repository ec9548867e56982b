import FluentKit
import FluentSQL
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// `parley bench reports`: a desk of 1,000,000 messages in 200,000 cases over 30 days (seeded
/// like `bench desk`, then each case's messages moved to follow its opening, 15 minutes apart,
/// 70% resolved 4 hours in, a survey on a fifth of those), then each report over the last 7
/// days and over all 30 by day, as the API builds it: its queries and its table, timed one by one.
public enum ReportsBenchmark {
    public struct Result: Sendable {
        public var messages: Int
        public var conversations: Int
        public var seedSeconds: Double
        /// Label → (samples, p50 ms, p99 ms, cases in the period).
        public var timings: [(String, Int, Double, Double, Int)]
    }

    public static func run(messages: Int, conversations: Int, rounds: Int, corpus: [String], directory: URL) async throws -> Result {
        let path = directory.appendingPathComponent("parley-bench-reports.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: path))) { app in
            guard let sql = app.db as? any SQLDatabase else { throw StoreError.invalid("SQLite only") }
            let traffic = SyntheticTraffic(events: 0)
            for handle in traffic.handles { try await HandleQueries(database: app.db).upsert(handle) }
            let clock = ContinuousClock()
            let began = clock.now
            let start = Date(timeIntervalSince1970: 1_795_000_000)
            let span = 30.0 * 86_400
            let caseSpacing = span / Double(conversations)
            try await app.db.transaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                try await sql.raw("PRAGMA cache_size = -262144").run()
                try await SearchBenchmark.seed(
                    sql, messages: messages, conversations: conversations, customers: max(1, conversations / 2), corpus: corpus,
                    start: start, spacing: span / Double(messages))
                for table in ["bench_texts", "bench_names", "bench_intents", "bench_handles"] {
                    try await sql.raw("DROP TABLE temp.\(unsafeRaw: table)").run()
                }
                let t0 = start.timeIntervalSince1970
                // Case i opens at t0 + i·spacing; its k-th message comes k·15 minutes later.
                try await sql.raw("""
                    UPDATE conversations SET opened_at = \(literal: t0) + (rowid - 1) * \(literal: caseSpacing),
                      resolved_at = CASE WHEN state = 'resolved' THEN \(literal: t0) + (rowid - 1) * \(literal: caseSpacing) + 14400 END
                    """).run()
                try await sql.raw("""
                    UPDATE messages SET created_at = \(literal: t0) + ((rowid - 1) % \(literal: conversations)) * \(literal: caseSpacing)
                      + ((rowid - 1) / \(literal: conversations)) * 900
                    """).run()
                try await sql.raw("""
                    UPDATE conversations SET last_message_at = (SELECT MAX(m.created_at) FROM messages m WHERE m.conversation_id = conversations.id)
                    """).run()
                try await ReportQueries(database: db).fillTimelines()
                try await sql.raw("""
                    INSERT INTO csat_surveys (id, conversation_id, customer_id, handle_id, token, channel, sent_at, closes_at, rating, answered_at)
                    SELECT printf('00000005-0000-4000-8000-%012X', rowid), id, customer_id, handle_id, printf('%032X', rowid), 'dm',
                      resolved_at + 3600, resolved_at + 3600 + 604800, CASE WHEN rowid % 3 = 0 THEN 1 + rowid % 5 END,
                      CASE WHEN rowid % 3 = 0 THEN resolved_at + 7200 END
                    FROM conversations WHERE state = 'resolved' AND rowid % 5 = 0
                    """).run()
            }
            _ = try await SLAQueries(database: app.db).save(
                StoredSLAPolicy(id: UUID(), handleID: nil, minPriority: 0,
                                policy: SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, calendar: try WeeklyHours.parse("Mon-Fri 08:00-20:00 Europe/London"))),
                at: Date())
            try await sql.raw("ANALYZE").run()
            // The seeding's write-ahead log folded into the file now, not during the first timings.
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            let seedSeconds = (clock.now - began).seconds

            let end = start.addingTimeInterval(span)
            let reports = DeskReports(database: app.db, handles: [], now: end)
            let policies = try await SLAQueries(database: app.db).policies()
            var timings: [(String, Int, Double, Double, Int)] = []
            for (period, from, grouping) in [("last 7 days", end.addingTimeInterval(-7 * 86_400), ReportGrouping.none),
                                             ("30 days by day", start, ReportGrouping.day)] {
                let scope = ReportScope(from: from, to: end, grouping: grouping)
                var cases = 0
                func time(_ label: String, _ body: () async throws -> Int) async throws {
                    var times: [Double] = []
                    for _ in 0..<rounds {
                        let t = clock.now
                        cases = try await body()
                        times.append((clock.now - t).seconds * 1000)
                    }
                    timings.append(("\(label), \(period)", rounds, SearchBenchmark.percentile(times, 0.5), SearchBenchmark.percentile(times, 0.99), cases))
                }
                // What every case report starts with: its cases read and parsed, no table.
                try await time("cases read") { try await ReportQueries(database: app.db).cases(from: scope.from, to: scope.to, policies: policies).count }
                try await time("response-times") { try await reports.responseTimes(scope).total.conversations }
                try await time("sla") { try await reports.sla(scope).total.conversations }
                try await time("volume") { try await reports.volume(scope).total.conversations }
                try await time("csat") { try await reports.csat(scope).total.sent }
                try await time("agents") { try await reports.agents(scope).total.conversations }
            }
            return Result(messages: messages, conversations: conversations, seedSeconds: seedSeconds, timings: timings)
        }
    }
}
