import FluentKit
import FluentPostgresDriver
import FluentSQL
import Foundation
import Logging
import NIOPosix
import ParleyCore
import ParleyServer
import ParleyStore
import Synchronization

/// `parley bench jobs`: background work across processes on PostgreSQL. Several worker processes
/// (`parley bench jobs --worker`) lease jobs from one jobs table (`FOR UPDATE SKIP LOCKED`) with
/// the real `JobRunner`, and compete for one leadership lock; the benchmark times how fast the
/// table drains, then kills the leader with SIGKILL, again and again, and times each takeover.
public enum JobsBenchmark {
    public struct Result: Sendable {
        public var jobs: Int
        public var processes: Int
        /// From the jobs becoming due to the last one finished.
        public var seconds: Double
        public var jobsPerSecond: Double
        /// Jobs each worker ran, largest first.
        public var perProcess: [Int]
        /// Seconds from SIGKILL of the leader to another process saying it leads.
        public var takeovers: [Double]
    }

    /// What a worker prints on stdout (other output is the log).
    enum Line {
        static let prefix = "bench-jobs:"
        static func ready(_ pid: Int32) -> String { "\(prefix) ready \(pid)" }
        static func leading(_ pid: Int32) -> String { "\(prefix) leading \(pid)" }
        static func ran(_ pid: Int32, _ count: Int) -> String { "\(prefix) ran \(pid) \(count)" }
    }

    static let lock = "bench.jobs.leader"

    /// Runs the benchmark in a database of its own, made beside `url`'s and dropped after.
    public static func run(url: String, jobs: Int, processes: Int, takeovers: Int, executable: URL) async throws -> Result {
        let name = "parley_bench_jobs_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        guard var components = URLComponents(string: url) else { throw StoreError.invalid("DATABASE_URL is not a URL") }
        try await admin(url, "CREATE DATABASE \(name)")
        components.path = "/" + name
        let benchURL = components.string!
        do {
            let result = try await measure(url: benchURL, jobs: jobs, processes: processes, takeovers: takeovers, executable: executable)
            try await drop(name, url: url)
            return result
        } catch {
            try? await drop(name, url: url)
            throw error
        }
    }

    static func drop(_ name: String, url: String) async throws {
        try await admin(url, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// A statement on `url`'s own database, outside any transaction (CREATE and DROP DATABASE).
    static func admin(_ url: String, _ statement: String) async throws {
        let logger = Logger(label: "parley.bench.jobs")
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try SQLPostgresConfiguration(url: url).coreConfiguration,
            id: 0, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func measure(url: String, jobs: Int, processes: Int, takeovers: Int, executable: URL) async throws -> Result {
        try await ParleyApp.withApplication(config: ParleyConfig(database: .postgres(url: url))) { app in
            guard let sql = app.db as? any SQLDatabase else { throw StoreError.invalid("not an SQL database") }
            // Queued far in the future, made due at once when every worker is up.
            let later = Date().addingTimeInterval(86_400)
            for chunk in stride(from: 0, to: jobs, by: 1_000) {
                try await app.db.transaction { db in
                    let queries = JobQueries(database: db)
                    for n in chunk..<min(jobs, chunk + 1_000) {
                        try await queries.enqueue(Job(
                            id: UUID(), kind: .slaAlert, payload: #"{"bench":\#(n)}"#, dueAt: later, idempotencyKey: "bench:\(n)",
                            createdAt: Date()))
                    }
                }
            }
            let workers = Workers()
            defer { workers.killAll() }
            for _ in 0..<processes { try workers.start(executable: executable, url: url) }
            try await workers.wait("every worker is ready", within: 60) { $0.ready.count == processes }

            let released = Date()
            try await sql.raw("UPDATE jobs SET due_at = \(bind: released)").run()
            while try await JobQueries(database: app.db).counts()[.done, default: 0] < jobs {
                try await Task.sleep(for: .milliseconds(50))
                guard workers.alive > 0 else { throw StoreError.invalid("every worker exited") }
            }
            let last = try await sql.raw("SELECT MAX(finished_at) AS last FROM jobs").first()?.decode(column: "last", as: Date.self)
            let seconds = (last ?? Date()).timeIntervalSince(released)

            var times: [Double] = []
            for _ in 0..<min(takeovers, processes - 1) {
                let leader = try await workers.waitForLeader()
                let killedAt = Date()
                workers.kill(leader)
                let next = try await workers.waitForLeader(other: leader, within: 60)
                times.append(workers.state.withLock { $0.ledAt[next]! }.timeIntervalSince(killedAt))
            }
            return Result(
                jobs: jobs, processes: processes, seconds: seconds, jobsPerSecond: Double(jobs) / max(seconds, 0.001),
                perProcess: workers.state.withLock { $0.ran.values.sorted(by: >) }, takeovers: times)
        }
    }

    /// A worker process: runs the jobs table with a handler that does nothing (the table is what is
    /// measured), and leads the benchmark's lock while it can. Until killed.
    public static func work(url: String) async throws -> Never {
        let pid = ProcessInfo.processInfo.processIdentifier
        return try await ParleyApp.withApplication(config: ParleyConfig(database: .postgres(url: url))) { app in
            let runner = JobRunner(
                database: app.db, effects: .live, owner: "bench-\(pid)", handlers: [.slaAlert: { _ in }])
            let leadership = try Leadership.postgres(url: url, holder: "bench-\(pid)")
            let leading = Task {
                await leadership.lead(lock) {
                    say(Line.leading(pid))
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(1)) }
                }
            }
            defer { leading.cancel() }
            say(Line.ready(pid))
            var ran = 0
            while true {
                let batch = try await runner.runOnce(limit: 20)
                if batch == 0 {
                    try await Task.sleep(for: .milliseconds(20))
                } else {
                    ran += batch
                    say(Line.ran(pid, ran))
                }
            }
        }
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The worker processes and what they said.
    final class Workers: Sendable {
        struct State {
            var processes: [Int32: Process] = [:]
            var ready: Set<Int32> = []
            var ledAt: [Int32: Date] = [:]
            var leader: Int32?
            var ran: [Int32: Int] = [:]
            var buffers: [Int32: String] = [:]
        }

        let state = Mutex(State())

        var alive: Int { state.withLock { $0.processes.values.filter(\.isRunning).count } }

        func start(executable: URL, url: String) throws {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["bench", "jobs", "--worker"]
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = url
            environment["LOG_LEVEL"] = "warning"
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.standardError
            try process.run()
            let pid = process.processIdentifier
            state.withLock { $0.processes[pid] = process }
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { handle.readabilityHandler = nil; return }
                self.read(String(decoding: data, as: UTF8.self), from: pid)
            }
        }

        func read(_ text: String, from pid: Int32) {
            let now = Date()
            state.withLock { state in
                var buffer = state.buffers[pid, default: ""] + text
                while let end = buffer.firstIndex(of: "\n") {
                    let words = buffer[..<end].split(separator: " ")
                    buffer = String(buffer[buffer.index(after: end)...])
                    guard words.first == Substring(Line.prefix), words.count >= 3 else { continue }
                    switch words[1] {
                    case "ready": state.ready.insert(pid)
                    case "leading": state.leader = pid; state.ledAt[pid] = now
                    case "ran": state.ran[pid] = Int(words.last!) ?? 0
                    default: break
                    }
                }
                state.buffers[pid] = buffer
            }
        }

        func wait(_ what: String, within seconds: Double, _ condition: (State) -> Bool) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while !state.withLock({ condition($0) }) {
                guard Date() < deadline else { throw StoreError.invalid("timed out waiting until \(what)") }
                try await Task.sleep(for: .milliseconds(10))
            }
        }

        func waitForLeader(other previous: Int32? = nil, within seconds: Double = 30) async throws -> Int32 {
            try await wait("a worker leads", within: seconds) { state in
                guard let leader = state.leader, leader != previous else { return false }
                return state.processes[leader]?.isRunning == true
            }
            return state.withLock { $0.leader! }
        }

        func kill(_ pid: Int32) {
            Foundation.kill(pid, SIGKILL)
            state.withLock { $0.processes[pid] }?.waitUntilExit()
        }

        func killAll() {
            for process in state.withLock({ Array($0.processes.values) }) where process.isRunning {
                Foundation.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
    }
}
