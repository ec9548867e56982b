import FluentKit
import FluentSQL
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// `parley bench search`: an SQLite desk of N messages seeded with bulk SQL (the index triggers
/// fire for every row, as they do at ingest), then a fixed set of searches, each run several
/// times, through `SearchQueries` (SQL, customers and highlighting).
public enum SearchBenchmark {
    public struct Result: Sendable {
        public var messages: Int
        public var conversations: Int
        public var customers: Int
        public var seedSeconds: Double
        public var databaseBytes: Int
        public var indexBytes: Int
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var samples: Int
        /// Per query: its label, hits on the first page, p50 and max in milliseconds.
        public var perQuery: [(label: String, hits: Int, p50: Double, max: Double)]
    }

    /// What the benchmark asks, with filters; the last one is a second page.
    struct Case {
        var label: String
        var request: SearchRequest
    }

    public static func run(
        messages: Int, conversations: Int, rounds: Int, corpus: [String], directory: URL
    ) async throws -> Result {
        let path = directory.appendingPathComponent("parley-bench-search.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let customers = max(1, conversations / 2)
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let spacing = 30.0 * 86_400 / Double(messages)
        return try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: path))) { app in
            let traffic = SyntheticTraffic(events: 0)
            for handle in traffic.handles { try await HandleQueries(database: app.db).upsert(handle) }
            guard let sql = app.db as? any SQLDatabase else { throw StoreError.invalid("The benchmark needs an SQL database.") }
            let clock = ContinuousClock()
            let seedStart = clock.now
            // One transaction, so one connection: the temporary tables are per connection.
            try await app.db.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw StoreError.invalid("The benchmark needs an SQL database.") }
                try await sql.raw("PRAGMA cache_size = -262144").run()
                try await seed(
                    sql, messages: messages, conversations: conversations, customers: customers, corpus: corpus, start: start,
                    spacing: spacing)
                for table in ["bench_texts", "bench_names", "bench_intents", "bench_handles"] {
                    try await sql.raw("DROP TABLE temp.\(unsafeRaw: table)").run()
                }
            }
            let seedSeconds = (clock.now - seedStart).seconds
            try await sql.raw("ANALYZE").run()

            let agent = try await sql.raw("SELECT assignee_id FROM conversations WHERE assignee_id IS NOT NULL LIMIT 1").first()?
                .decode(column: "assignee_id", as: UUID.self)
            let lastWeek = start.addingTimeInterval(23 * 86_400)
            var cases = [
                Case(label: "printer", request: SearchRequest(text: "printer")),
                Case(label: "refund", request: SearchRequest(text: "refund")),
                Case(label: "help (very common)", request: SearchRequest(text: "help")),
                Case(label: "\"disc drive\"", request: SearchRequest(text: "\"disc drive\"")),
                Case(label: "xbox won't connect", request: SearchRequest(text: "xbox won't connect")),
                Case(label: "password reset account", request: SearchRequest(text: "password reset account")),
                Case(label: "ink cartridge", request: SearchRequest(text: "ink cartridge")),
                Case(label: "billing issue", request: SearchRequest(text: "billing issue")),
                Case(label: "customer name: maria", request: SearchRequest(text: "maria")),
                Case(label: "name + word: garcia printer", request: SearchRequest(text: "garcia printer")),
                Case(label: "rare: order 4242", request: SearchRequest(text: "order 4242")),
                Case(label: "no hits: zzyzx", request: SearchRequest(text: "zzyzx")),
                Case(label: "hostile: NEAR(\"x\" * OR -", request: SearchRequest(text: "NEAR(\"ink\" * OR -printer")),
                Case(label: "printer, state=open", request: SearchRequest(text: "printer", state: .open)),
                Case(label: "refund, tag=refund", request: SearchRequest(text: "refund", tag: "refund")),
                Case(label: "help, intent=complaint", request: SearchRequest(text: "help", intent: .complaint)),
                Case(label: "xbox, handle", request: SearchRequest(text: "xbox", handleID: traffic.handles[0].id)),
                Case(label: "help, tag=vip (1 conv. in 50)", request: SearchRequest(text: "help", tag: "vip")),
                Case(label: "account, assignee", request: SearchRequest(text: "account", assigneeID: agent)),
                Case(label: "printer, last week", request: SearchRequest(text: "printer", from: lastWeek)),
            ]
            let queries = SearchQueries(database: app.db)
            if let cursor = try await queries.search(SearchRequest(text: "help")).nextCursor {
                cases.append(Case(label: "help, page 2", request: SearchRequest(text: "help", cursor: cursor)))
            }
            var all: [Double] = []
            var perQuery: [(String, Int, Double, Double)] = []
            for c in cases {
                let hits = try await queries.search(c.request).items.count
                var times: [Double] = []
                for _ in 0..<rounds {
                    let began = clock.now
                    _ = try await queries.search(c.request)
                    times.append((clock.now - began).seconds * 1000)
                }
                all += times
                perQuery.append((c.label, hits, percentile(times, 0.5), times.max() ?? 0))
            }
            let indexBytes = try await sql.raw("SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'message_search%'").first()?
                .decode(column: "bytes", as: Int.self) ?? 0
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Result(
                messages: messages, conversations: conversations, customers: customers, seedSeconds: seedSeconds,
                databaseBytes: size, indexBytes: indexBytes, p50Milliseconds: percentile(all, 0.5),
                p99Milliseconds: percentile(all, 0.99), samples: all.count, perQuery: perQuery)
        }
    }

    /// Customers, conversations (states, assignees, tags) and messages, generated inside SQLite by
    /// recursive CTEs over the corpus.
    static func seed(
        _ sql: any SQLDatabase, messages: Int, conversations: Int, customers: Int, corpus: [String], start: Date, spacing: Double
    ) async throws {
        let firstNames = ["Maria", "José", "Ana", "Wei", "Fatima", "John", "Aisha", "Liam", "Sofía", "Yuki", "Olga", "Ahmed", "Chloé",
                          "Ravi", "Emma", "Lucas", "Zoe", "Mateo", "Priya", "Noah"]
        let lastNames = ["Garcia", "Smith", "Müller", "Chen", "Khan", "Silva", "Kowalski", "Nguyen", "Rossi", "Dubois", "Okafor",
                         "Tanaka", "Ivanova", "Haddad", "Brown", "López", "Novak", "Jensen", "Costa", "Patel"]
        let intents = TriageIntent.allCases.map(\.rawValue)
        try await sql.raw("CREATE TEMP TABLE bench_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").run()
        try await sql.raw("CREATE TEMP TABLE bench_names (id INTEGER PRIMARY KEY, first TEXT NOT NULL, last TEXT NOT NULL)").run()
        try await sql.raw("CREATE TEMP TABLE bench_intents (id INTEGER PRIMARY KEY, intent TEXT NOT NULL)").run()
        for chunk in chunked(Array(corpus.enumerated()), 500) {
            var insert = sql.insert(into: "bench_texts").columns("id", "text")
            for (n, text) in chunk { insert = insert.values(SQLBind(n), SQLBind(text)) }
            try await insert.run()
        }
        for (n, intent) in intents.enumerated() {
            try await sql.raw("INSERT INTO bench_intents (id, intent) VALUES (\(bind: n), \(bind: intent))").run()
        }
        // 20 × 20 names, each pair once per 400 customers.
        for (f, first) in firstNames.enumerated() {
            for (l, last) in lastNames.enumerated() {
                try await sql.raw("INSERT INTO bench_names (id, first, last) VALUES (\(bind: f * lastNames.count + l), \(bind: first), \(bind: last))").run()
            }
        }
        let texts = corpus.count
        let nameCount = firstNames.count * lastNames.count
        let handles = try await sql.raw("SELECT id, x_user_id FROM handles ORDER BY x_user_id").all()
        let handleIDs = try handles.map { try $0.decode(column: "id", as: String.self) }
        let handleUsers = try handles.map { try $0.decode(column: "x_user_id", as: String.self) }
        try await sql.raw("CREATE TEMP TABLE bench_handles (id INTEGER PRIMARY KEY, handle_id TEXT NOT NULL, x_user_id TEXT NOT NULL)").run()
        for (n, (id, user)) in zip(handleIDs, handleUsers).enumerated() {
            try await sql.raw("INSERT INTO bench_handles VALUES (\(bind: n), \(bind: id), \(bind: user))").run()
        }
        let handleCount = handleIDs.count
        let t0 = start.timeIntervalSince1970
        let count = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < "
        // Ids as UUID text, upper case as the store writes them; the first group says which table.
        try await run(sql, """
            \(count)\(customers))
            INSERT INTO customers (id, x_user_id, username, name, followers_count, verified)
            SELECT printf('00000001-0000-4000-8000-%012X', i), '5' || i,
              lower(replace(b.first, 'é', 'e')) || '_' || lower(b.last) || (i / \(nameCount)),
              b.first || ' ' || b.last, (i * 7919) % 50000, i % 97 = 0
            FROM n JOIN bench_names b ON b.id = i % \(nameCount)
            """)
        try await run(sql, """
            \(count)\(conversations))
            INSERT INTO conversations (id, handle_id, customer_id, state, has_public, has_dm, opened_at, last_message_at, message_count, assignee_id)
            SELECT printf('00000002-0000-4000-8000-%012X', i), h.handle_id, printf('00000001-0000-4000-8000-%012X', i % \(customers)),
              CASE WHEN i % 10 < 3 THEN 'open' WHEN i % 10 = 3 THEN 'pending' ELSE 'resolved' END, 1, i % 4 = 0,
              \(t0) + i * \(spacing), \(t0) + i * \(spacing), \(messages / max(conversations, 1)),
              CASE WHEN i % 10 < 3 THEN printf('00000004-0000-4000-8000-%012X', i % 10) END
            FROM n JOIN bench_handles h ON h.id = i % \(handleCount)
            """)
        try await run(sql, """
            \(count)\(conversations))
            INSERT INTO conversation_tags (conversation_id, tag)
            SELECT printf('00000002-0000-4000-8000-%012X', i),
              CASE (i / 10) % 5 WHEN 0 THEN 'billing' WHEN 1 THEN 'shipping' WHEN 2 THEN 'vip' WHEN 3 THEN 'bug' ELSE 'refund' END
            FROM n WHERE i % 10 = 0
            """)
        // Messages: every conversation in turn, one in three from the brand; texts drawn from the
        // corpus, two joined in two messages of three, and now and then an order number.
        for first in stride(from: 0, to: messages, by: 100_000) {
            let last = min(first + 100_000, messages)
            try await run(sql, """
                WITH RECURSIVE n(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < \(last))
                INSERT INTO messages (id, x_id, x_version_id, kind, conversation_id, handle_id, author_x_user_id, text, created_at, version_rank, triage)
                SELECT printf('00000003-0000-4000-8000-%012X', i), 'b' || i, 'b' || i,
                  CASE WHEN i % 3 = 2 THEN 'own_post' ELSE 'mention' END,
                  printf('00000002-0000-4000-8000-%012X', i % \(conversations)), h.handle_id,
                  CASE WHEN i % 3 = 2 THEN h.x_user_id ELSE '5' || ((i % \(conversations)) % \(customers)) END,
                  a.text || CASE WHEN i % 3 = 0 THEN '' ELSE ' ' || b.text END || CASE WHEN i % 7 = 0 THEN ' order ' || (i % 10007) ELSE '' END,
                  \(t0) + i * \(spacing), 1,
                  CASE WHEN i % 3 = 2 THEN NULL ELSE '{"intent":"' || t.intent || '"}' END
                FROM n
                JOIN bench_texts a ON a.id = (i * 7919) % \(texts)
                JOIN bench_texts b ON b.id = (i * 104729 + 13) % \(texts)
                JOIN bench_intents t ON t.id = i % \(intents.count)
                JOIN bench_handles h ON h.id = (i % \(conversations)) % \(handleCount)
                """)
        }
    }

    private static func run(_ sql: any SQLDatabase, _ statement: String) async throws {
        try await sql.raw(SQLQueryString(statement)).run()
    }

    private static func chunked<T>(_ items: [T], _ size: Int) -> [[T]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }

    /// The texts of every post and DM in a JSONL file of X API v2 payloads (the demo stream).
    public static func corpus(from lines: [Data]) -> [String] {
        var texts: [String] = []
        for line in lines {
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { continue }
            let data = object["data"]
            let items = (data as? [[String: Any]]) ?? [(data as? [String: Any]) ?? [:]]
            for item in items {
                if let text = item["text"] as? String, !text.isEmpty { texts.append(text) }
            }
        }
        return texts
    }
}
