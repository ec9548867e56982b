import ArgumentParser
import Foundation
import ParleyBench

struct BenchJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "PostgreSQL (DATABASE_URL): jobs per second through the jobs table with several worker processes, and leader takeover time after SIGKILL.")

    @Option(help: "Jobs to run.") var jobs: Int = 20_000
    @Option(help: "Worker processes.") var processes: Int = 3
    @Option(help: "Leaders to kill, one after another (at most processes - 1).") var takeovers: Int = 2
    @Flag(help: .hidden) var worker = false

    func run() async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            throw ValidationError("Set DATABASE_URL to a PostgreSQL server: the benchmark makes a database of its own there and drops it after.")
        }
        if worker { try await JobsBenchmark.work(url: url) }
        guard jobs > 0, processes >= 2, takeovers >= 0 else {
            throw ValidationError("--jobs must be positive, --processes at least 2 and --takeovers not negative.")
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        let result = try await JobsBenchmark.run(url: url, jobs: jobs, processes: processes, takeovers: takeovers, executable: executable)
        print(BenchReport.header(command: "parley bench jobs --jobs \(jobs) --processes \(processes) --takeovers \(takeovers)"))
        print("""
        jobs:                   \(result.jobs) through the jobs table by \(result.processes) processes in \(String(format: "%.2f", result.seconds)) s
        throughput:             \(String(format: "%.0f", result.jobsPerSecond)) jobs/s (leased in batches of 20, FOR UPDATE SKIP LOCKED)
        per process:            \(result.perProcess.map(String.init).joined(separator: ", "))
        leader takeover:        \(result.takeovers.map { String(format: "%.2f s", $0) }.joined(separator: ", ")) (SIGKILL to the next process leading)
        """)
    }
}
