import ArgumentParser
import Foundation
import ParleyBench
import ParleyServer

/// `parley bench search`: full-text search latency on an SQLite desk of a million messages.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Seed an SQLite desk with bulk SQL, then time a fixed set of searches (p50/p99).")

    @Option(help: "How many messages.") var messages: Int = 1_000_000
    @Option(help: "How many conversations.") var conversations: Int = 200_000
    @Option(help: "How many times each search runs.") var rounds: Int = 20
    @Option(help: "JSONL of X API v2 payloads whose texts the messages are made of.")
    var corpus: String = "Resources/Demo/ibm-care-stream.jsonl"
    @Option(help: "Where the benchmark's SQLite file goes.") var dir: String = FileManager.default.temporaryDirectory.path

    func run() async throws {
        guard messages > 0, conversations > 0, conversations <= messages, rounds > 0 else {
            throw ValidationError("--messages, --conversations and --rounds must be positive, with no more conversations than messages.")
        }
        let texts = SearchBenchmark.corpus(from: try ReplayFile(contentsOf: URL(fileURLWithPath: corpus)).lines)
        guard !texts.isEmpty else { throw ValidationError("\(corpus) holds no post or DM texts.") }
        let result = try await SearchBenchmark.run(
            messages: messages, conversations: conversations, rounds: rounds, corpus: texts, directory: URL(fileURLWithPath: dir))
        func ms(_ value: Double) -> String { String(format: "%.1f", value) }
        print(BenchReport.header(command: "parley bench search --messages \(messages) --conversations \(conversations) --rounds \(rounds)"))
        print("""
        seeded:                 \(result.messages) messages, \(result.conversations) conversations, \(result.customers) customers from \(texts.count) texts in \(String(format: "%.1f", result.seedSeconds)) s (index triggers included)
        database:               \(result.databaseBytes / 1_048_576) MiB, of which the FTS5 index \(result.indexBytes / 1_048_576) MiB
        search latency:         p50 \(ms(result.p50Milliseconds)) ms, p99 \(ms(result.p99Milliseconds)) ms (\(result.samples) searches, first page of 20)
        per query (hits on page, p50, max in ms):
        """)
        for q in result.perQuery {
            print("  \(q.label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(q.hits).padding(toLength: 4, withPad: " ", startingAt: 0)) \(ms(q.p50).padding(toLength: 7, withPad: " ", startingAt: 0)) \(ms(q.max))")
        }
    }
}
