import FluentKit
import FluentSQL
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// `parley bench ingest`: synthetic events through journal → pipeline → store, and, in the same
/// run, a plain batched INSERT of the same raw rows into SQLite for comparison.
public enum IngestBenchmark {
    public struct Result: Sendable {
        public var events: Int
        public var seconds: Double
        public var eventsPerSecond: Double { Double(events) / seconds }
        /// Per event: from the start of its batch's journal append to the commit of its batch.
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var plainInsertPerSecond: Double
        public var conversations: Int
        public var messages: Int
        public var mix: [String: Int]
    }

    public static func run(events: Int, batchSize: Int, directory: URL) async throws -> Result {
        let traffic = SyntheticTraffic(events: events)
        let pipelinePath = directory.appendingPathComponent("bench-ingest.sqlite").path
        let plainPath = directory.appendingPathComponent("bench-plain.sqlite").path
        for path in [pipelinePath, plainPath] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }

        let (durations, total, stats) = try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: pipelinePath))) { app in
            for handle in traffic.handles { try await HandleQueries(database: app.db).upsert(handle) }
            let ingestor = ParleyApp.ingestor(for: app)
            let processor = ParleyApp.processor(for: app, batchSize: batchSize)
            let clock = ContinuousClock()
            let start = clock.now
            var durations: [(Double, Int)] = []
            for first in stride(from: 0, to: traffic.lines.count, by: batchSize) {
                let batch = traffic.lines[first..<min(first + batchSize, traffic.lines.count)]
                let began = clock.now
                try await ingestor.receive(batch.map { ingestor.rawEvent($0, source: .xStream) })
                try await processor.drain()
                durations.append(((clock.now - began).seconds, batch.count))
            }
            let total = (clock.now - start).seconds
            return (durations, total, try await StoreStats.load(from: app.db))
        }
        let plain = try await plainInsert(traffic.lines, batchSize: batchSize, path: plainPath)
        return Result(
            events: events, seconds: total, p50Milliseconds: percentile(durations, 0.50) * 1000,
            p99Milliseconds: percentile(durations, 0.99) * 1000, plainInsertPerSecond: Double(events) / plain,
            conversations: stats.conversationsByState.values.reduce(0, +),
            messages: stats.messagesByKind.values.reduce(0, +), mix: traffic.mix)
    }

    /// The floor any journal pays: the same raw rows, batched the same way, into a table with the
    /// same columns and unique key, in one transaction per batch.
    static func plainInsert(_ lines: [Data], batchSize: Int, path: String) async throws -> Double {
        try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: path))) { app in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("CREATE TABLE plain_events (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, external_id TEXT NOT NULL, received_at REAL NOT NULL, payload BLOB NOT NULL, status TEXT NOT NULL, UNIQUE(source, external_id))").run()
            let clock = ContinuousClock()
            let start = clock.now
            let now = Date()
            for first in stride(from: 0, to: lines.count, by: batchSize) {
                try await app.db.transaction { db in
                    let sql = db as! any SQLDatabase
                    var insert = sql.insert(into: "plain_events").columns("source", "external_id", "received_at", "payload", "status")
                    for (offset, line) in lines[first..<min(first + batchSize, lines.count)].enumerated() {
                        insert = insert.values(SQLBind("x_stream"), SQLBind("row:\(first + offset)"), SQLBind(now), SQLBind(line), SQLBind("pending"))
                    }
                    try await insert.ignoringConflicts(with: ["source", "external_id"]).run()
                }
            }
            return (clock.now - start).seconds
        }
    }

    static func percentile(_ weighted: [(Double, Int)], _ p: Double) -> Double {
        let sorted = weighted.sorted { $0.0 < $1.0 }
        let total = sorted.reduce(0) { $0 + $1.1 }
        var seen = 0
        for (value, count) in sorted {
            seen += count
            if Double(seen) >= p * Double(total) { return value }
        }
        return sorted.last?.0 ?? 0
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
