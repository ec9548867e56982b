import ArgumentParser
import Foundation
import ParleyBench
import ParleyServer

struct BenchReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "A big desk on SQLite: each report over 7 days and over 30 by day, as the API builds it.")

    @Option(help: "Messages to seed.") var messages: Int = 1_000_000
    @Option(help: "Conversations to seed.") var conversations: Int = 200_000
    @Option(help: "Samples per measurement.") var rounds: Int = 10
    @Option(help: "Where the benchmark's SQLite file goes.") var dir: String = FileManager.default.temporaryDirectory.path

    func run() async throws {
        guard messages > 0, conversations > 0, rounds > 0, conversations <= messages else {
            throw ValidationError("--messages, --conversations and --rounds must be positive, with no more conversations than messages.")
        }
        let corpus = SearchBenchmark.corpus(from: try ReplayFile(contentsOf: URL(fileURLWithPath: "Resources/Demo/ibm-care-stream.jsonl")).lines)
        let result = try await ReportsBenchmark.run(messages: messages, conversations: conversations, rounds: rounds, corpus: corpus,
                                                    directory: URL(fileURLWithPath: dir))
        print(BenchReport.header(command: "parley bench reports --messages \(messages) --conversations \(conversations) --rounds \(rounds)"))
        print("seeded: \(messages) messages in \(conversations) cases over 30 days in \(String(format: "%.1f", result.seedSeconds)) s")
        for (label, samples, p50, p99, cases) in result.timings {
            print("\(label): \(cases) cases, \(samples) samples, p50 \(String(format: "%.1f", p50)) ms, p99 \(String(format: "%.1f", p99)) ms")
        }
    }
}
