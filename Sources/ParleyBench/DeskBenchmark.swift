import FluentKit
import FluentSQL
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// `parley bench desk`: a big desk (by default 1,000,000 messages in 200,000 conversations, seeded
/// like `bench search`), then the calls the inbox makes: the queue sorted by SLA due, a
/// conversation, full-text search, and auto-assignment. Store calls in process, timed one by one.
public enum DeskBenchmark {
    public struct Result: Sendable {
        public var messages: Int
        public var conversations: Int
        public var seedSeconds: Double
        /// Label → (samples, p50 ms, p99 ms).
        public var timings: [(String, Int, Double, Double)]
        public var assigned: Int
        public var assignmentsPerSecond: Double
    }

    public static func run(
        database: DatabaseChoice, messages: Int, conversations: Int, rounds: Int, corpus: [String], directory: URL
    ) async throws -> Result {
        var choice = database
        if case .sqlite = database {
            let path = directory.appendingPathComponent("parley-bench-desk.sqlite").path
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            choice = .sqlite(path: path)
        }
        return try await ParleyApp.withApplication(config: ParleyConfig(database: choice)) { app in
            guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else {
                throw StoreError.invalid("The desk benchmark seeds with SQLite's recursive statements; run it on SQLite.")
            }
            let traffic = SyntheticTraffic(events: 0)
            for handle in traffic.handles { try await HandleQueries(database: app.db).upsert(handle) }
            let clock = ContinuousClock()
            let began = clock.now
            let start = Date(timeIntervalSince1970: 1_795_000_000)
            try await app.db.transaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                try await sql.raw("PRAGMA cache_size = -262144").run()
                try await SearchBenchmark.seed(
                    sql, messages: messages, conversations: conversations, customers: max(1, conversations / 2), corpus: corpus,
                    start: start, spacing: 30.0 * 86_400 / Double(messages))
                for table in ["bench_texts", "bench_names", "bench_intents", "bench_handles"] {
                    try await sql.raw("DROP TABLE temp.\(unsafeRaw: table)").run()
                }
                // Open cases have a running SLA clock (due an hour after opening, in seeded time).
                try await sql.raw("UPDATE conversations SET sla_due_at = opened_at + 3600, sla_status = 'ok' WHERE state = 'open'").run()
                // The queue sorts by the effective priority, which the store keeps beside triage's (no override, no breach here).
                try await sql.raw("UPDATE conversations SET effective_priority = priority").run()
            }
            try await sql.raw("ANALYZE").run()
            let seedSeconds = (clock.now - began).seconds

            func time(_ label: String, _ samples: Int, _ body: (Int) async throws -> Void) async throws -> (String, Int, Double, Double) {
                var times: [Double] = []
                for n in 0..<samples {
                    let t = clock.now
                    try await body(n)
                    times.append((clock.now - t).seconds * 1000)
                }
                return (label, samples, SearchBenchmark.percentile(times, 0.5), SearchBenchmark.percentile(times, 0.99))
            }
            let queries = ConversationQueries(database: app.db)
            var timings: [(String, Int, Double, Double)] = []
            // The queue by SLA due: the first page, then following pages by cursor.
            var cursor: QueueCursor?
            timings.append(try await time("queue, open by SLA due (50 a page, pages 1-\(rounds))", rounds) { _ in
                let page = try await queries.page(state: .open, handleID: nil, order: .slaDue, limit: 50, after: cursor)
                cursor = page.nextCursor
            })
            timings.append(try await time("queue, open by priority (first page)", rounds) { _ in
                _ = try await queries.page(state: .open, handleID: nil, order: .priority, limit: 50, after: nil)
            })
            let sample = try await sql.raw("SELECT id FROM conversations ORDER BY id LIMIT 1 OFFSET \(literal: conversations / 3)").first()?
                .decode(column: "id", as: UUID.self)
            let ids = try await sql.raw("SELECT id FROM conversations WHERE id >= \(bind: sample?.uuidString ?? "") ORDER BY id LIMIT \(literal: rounds)")
                .all().map { try $0.decode(column: "id", as: UUID.self) }
            timings.append(try await time("conversation view (messages, outbox, desk)", ids.count) { n in
                _ = try await queries.detail(ids[n])
                _ = try await DeskFieldsQueries(database: app.db).fields([ids[n]])
                _ = try await NoteQueries(database: app.db).notes(ids[n])
                _ = try await AuditQueries(database: app.db).trail(ids[n])
            })
            let words = ["printer", "refund", "password reset", "xbox", "order 4242", "billing issue", "\"disc drive\"", "maria"]
            timings.append(try await time("search (8 queries in turn)", rounds) { n in
                _ = try await SearchQueries(database: app.db).search(SearchRequest(text: words[n % words.count]))
            })

            // Assignment: a team of 20 online agents takes 20,000 waiting cases.
            let team = try await TeamQueries(database: app.db).create(id: UUID(), name: "Bench", at: Date())
            for n in 0..<20 {
                let user = try await UserQueries(database: app.db).create(
                    email: "bench\(n)@example.com", name: "Agent \(n)", passwordHash: "x", role: .agent, at: Date(), id: UUID())
                try await AgentQueries(database: app.db).setCapacity(user.id, capacity: 2_000, skills: [])
                try await AgentQueries(database: app.db).setStatus(user.id, .online, at: Date())
                try await TeamQueries(database: app.db).addMember(user.id, to: team.id)
            }
            try await sql.raw("""
                UPDATE conversations SET team_id = \(bind: team.id.uuidString), assignee_id = NULL
                WHERE id IN (SELECT id FROM conversations WHERE state = 'open' ORDER BY id LIMIT 20000)
                """).run()
            let assignStart = clock.now
            var assigned = 0
            while true {
                let done = try await AssignmentQueries(database: app.db).assignWaiting(teamID: team.id, limit: 200, at: Date(), newID: { UUID() })
                if done.isEmpty { break }
                assigned += done.count
            }
            let assignSeconds = (clock.now - assignStart).seconds
            return Result(
                messages: messages, conversations: conversations, seedSeconds: seedSeconds, timings: timings, assigned: assigned,
                assignmentsPerSecond: Double(assigned) / max(assignSeconds, 1e-9))
        }
    }
}
