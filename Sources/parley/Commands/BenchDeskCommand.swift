import ArgumentParser
import Foundation
import ParleyBench
import ParleyServer

struct BenchDeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "A big desk on SQLite: the queue by SLA due, a conversation, search, and assignments per second.")

    @Option(help: "Messages to seed.") var messages: Int = 1_000_000
    @Option(help: "Conversations to seed.") var conversations: Int = 200_000
    @Option(help: "Samples per measurement.") var rounds: Int = 200
    @Option(help: "Where the benchmark's SQLite file goes.") var dir: String = FileManager.default.temporaryDirectory.path

    func run() async throws {
        guard messages > 0, conversations > 0, rounds > 0, conversations <= messages else {
            throw ValidationError("--messages, --conversations and --rounds must be positive, with no more conversations than messages.")
        }
        let corpus = SearchBenchmark.corpus(from: try ReplayFile(contentsOf: URL(fileURLWithPath: "Resources/Demo/ibm-care-stream.jsonl")).lines)
        let result = try await DeskBenchmark.run(
            database: .sqlite(path: ""), messages: messages, conversations: conversations, rounds: rounds, corpus: corpus,
            directory: URL(fileURLWithPath: dir))
        print(BenchReport.header(command: "parley bench desk --messages \(messages) --conversations \(conversations) --rounds \(rounds)"))
        print("seeded:                 \(messages) messages in \(conversations) conversations in \(String(format: "%.1f", result.seedSeconds)) s")
        for (label, samples, p50, p99) in result.timings {
            print("\(label): \(samples) samples, p50 \(String(format: "%.1f", p50)) ms, p99 \(String(format: "%.1f", p99)) ms")
        }
        print("assignment:             \(result.assigned) cases to 20 agents, \(String(format: "%.0f", result.assignmentsPerSecond)) assignments/s")
    }
}
