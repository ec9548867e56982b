import ArgumentParser
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve a living desk on a fresh SQLite file, fed by a replay of real customer-care conversations.")

    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Address to listen on.") var hostname: String = "127.0.0.1"
    @Option(help: "The demo's SQLite file (recreated at each start).") var db: String = "parley-demo.sqlite"
    @Option(help: "The demo stream (JSONL of X API v2 posts).") var stream: String = "Resources/Demo/ibm-care-stream.jsonl"
    @Option(help: "The demo handles (JSON).") var handles: String = "Resources/Demo/handles.json"
    @Option(help: "Stream seconds per real second in the live part (144: a day in 10 minutes).") var compression: Double = 144

    static let email = "demo@parley.local"
    static let password = "parley-demo"

    func run() async throws {
        let lines: ReplayFile
        let handleList: [Handle]
        do {
            lines = try ReplayFile(contentsOf: URL(fileURLWithPath: stream))
            handleList = try HandleFile.load(try Data(contentsOf: URL(fileURLWithPath: handles)))
        } catch {
            throw ValidationError("Cannot read the demo data (\(stream), \(handles)); run from the repository root. \(error.localizedDescription)")
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let config = ParleyConfig(database: .sqlite(path: db), hostname: hostname, port: port)
        let app = try await ParleyApp.make(config: config)
        for handle in handleList { try await HandleQueries(database: app.db).upsert(handle) }
        _ = try await UserQueries(database: app.db).create(
            email: Self.email, name: "Demo Admin", passwordHash: try ParleyApp.hashPassword(Self.password, on: app),
            role: .admin, at: Date(), id: UUID())

        let demo = DemoStream(lines: lines.lines, brandUserIDs: Set(handleList.map(\.xUserID)), now: Date(), compression: compression)
        let ingestor = ParleyApp.ingestor(for: app)
        let history = demo.lines.filter { $0.delay == .zero }
        try await ingestor.receive(history.map { ingestor.rawEvent($0.payload, source: .replay) })
        try await ParleyApp.processor(for: app).drain()

        FileHandle.standardOutput.write(Data("""

        Parley demo: http://\(hostname == "127.0.0.1" ? "localhost" : hostname):\(port)
        Sign in as \(Self.email) with password \(Self.password)
        \(history.count) posts loaded; \(demo.lines.count - history.count) more arrive live over the next \(Int(demo.lines.last.map { $0.delay.components.seconds / 60 } ?? 0)) minutes.

        """.utf8))
        let live = demo.lines.filter { $0.delay > .zero }
        let feeder = Task {
            let clock = ContinuousClock()
            let start = clock.now
            for line in live {
                try await Task.sleep(until: start + line.delay, clock: clock)
                try await ingestor.receive([ingestor.rawEvent(line.payload, source: .replay)])
            }
        }
        try await ParleyApp.serve(app)
        feeder.cancel()
        try await app.asyncShutdown()
    }
}
