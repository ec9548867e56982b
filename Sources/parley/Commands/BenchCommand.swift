import ArgumentParser
import Foundation
import ParleyBench
import ParleyServer

/// `parley bench <name>`: fixed workloads whose reports BENCHMARKS.md quotes.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark and print its report.", subcommands: [BenchIngestCommand.self, BenchTextCommand.self, BenchTriageCommand.self, BenchStreamCommand.self, BenchSearchCommand.self, BenchDeskCommand.self, BenchJobsCommand.self, BenchSpikesCommand.self, BenchHelpCommand.self, BenchReportsCommand.self])
}

struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Synthetic X events through journal, pipeline and store on SQLite.")

    @Option(help: "How many events.") var events: Int = 100_000
    @Option(help: "Events per journal append and per pipeline transaction.") var batch: Int = 500
    @Option(help: "Where the benchmark's SQLite files go.") var dir: String = FileManager.default.temporaryDirectory.path

    func run() async throws {
        guard events > 0, batch > 0 else { throw ValidationError("--events and --batch must be positive.") }
        let result = try await IngestBenchmark.run(events: events, batchSize: batch, directory: URL(fileURLWithPath: dir))
        let ratio = result.eventsPerSecond / result.plainInsertPerSecond
        print(BenchReport.header(command: "parley bench ingest --events \(events) --batch \(batch)"))
        print("""
        events:                 \(result.events) (\(result.mix.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        stored:                 \(result.messages) messages in \(result.conversations) conversations
        pipeline:               \(String(format: "%.0f", result.eventsPerSecond)) events/s (\(String(format: "%.2f", result.seconds)) s)
        latency per event:      p50 \(String(format: "%.1f", result.p50Milliseconds)) ms, p99 \(String(format: "%.1f", result.p99Milliseconds)) ms (journal append to batch commit)
        plain batched INSERT:   \(String(format: "%.0f", result.plainInsertPerSecond)) rows/s
        ratio to plain INSERT:  \(String(format: "%.2f", ratio))
        """)
    }
}

/// The lines every benchmark report starts with: what ran, where, on which commit.
enum BenchReport {
    static func header(command: String) -> String {
        let info = ProcessInfo.processInfo
        #if DEBUG
        let build = "debug (numbers are not representative; use -c release)"
        #else
        let build = "release"
        #endif
        return """
        command:                \(command)
        date:                   \(Date().formatted(Date.ISO8601FormatStyle()))
        commit:                 \(run("git", "rev-parse", "--short", "HEAD") ?? "unknown")
        machine:                \(info.activeProcessorCount) cores, \(info.physicalMemory / 1_073_741_824) GiB, \(cpuModel() ?? "unknown CPU"), \(info.operatingSystemVersionString)
        build:                  \(build)
        """
    }

    static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
    }

    static func run(_ arguments: String...) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
