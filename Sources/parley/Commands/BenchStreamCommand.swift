import ArgumentParser
import Foundation
import ParleyCore
import ParleyFakeX
import ParleyServer
import ParleyStore
import ParleyX
import class Vapor.Application

/// `parley bench stream`: filtered-stream lines from a local fake X over real HTTP into the journal.
struct BenchStreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream", abstract: "Filtered-stream lines from a local fake X into the journal (SQLite), sustained lines/s.")

    @Option(help: "How many stream lines.") var lines: Int = 100_000
    @Option(help: "Lines the fake X writes per chunk.") var chunk: Int = 200
    @Option(help: "Where the benchmark's SQLite file goes.") var dir: String = FileManager.default.temporaryDirectory.path

    func run() async throws {
        guard lines > 0, chunk > 0 else { throw ValidationError("--lines and --chunk must be positive.") }
        let path = URL(fileURLWithPath: dir).appendingPathComponent("parley-bench-stream.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let fake = try await FakeX.start(options: FakeX.Options(seedRecorded: false, rateLimit: 1_000_000))
        var config = ParleyConfig(database: .sqlite(path: path), runWorkers: false)
        DemoCommand.useFakeX(fake, in: &config)
        let app = try await ParleyApp.make(config: config)
        do {
            let report = try await measure(app: app, fake: fake)
            try await app.asyncShutdown()
            await fake.shutdown()
            print(BenchReport.header(command: "parley bench stream --lines \(lines) --chunk \(chunk)"))
            print(report)
        } catch {
            try? await app.asyncShutdown()
            await fake.shutdown()
            throw error
        }
    }

    private func measure(app: Application, fake: FakeX) async throws -> String {
        guard let x = ParleyApp.xServices(for: app) else { throw ValidationError("The X connector did not start.") }
        let brand = Handle(id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: [])
        try await HandleQueries(database: app.db).upsert(brand)
        await fake.world.addUser(FakeXUser(id: brand.xUserID, username: brand.username))
        let source = x.streamSource(ingestor: ParleyApp.ingestor(for: app))
        let credential = try await x.credentials.app()
        try await source.syncRules(credential: credential)
        let stream = XFilteredStream(api: x.api, credential: credential, stallTimeout: 30)
        let task = Task { await stream.run(into: source) }
        defer { task.cancel() }
        while await fake.world.streamConnections() == 0 { try await Task.sleep(for: .milliseconds(20)) }

        // Lines as X writes them: a post with its author under includes, and the rule it matched.
        let start = Date()
        let rendered: [Data] = (0..<lines).map { n in
            let id = String(1_900_000_000_000_000_000 + n)
            let author = InboundUser(
                id: String(5_000_000 + n % 5_000), username: "customer\(n % 5_000)", name: "Customer \(n % 5_000)",
                followersCount: n % 900)
            var line = XPostEncoder.v2StreamLine(
                id: id, text: "@AcmeCare my order #\(n) has not arrived and support has not answered, please help",
                authorID: author.id, createdAt: start.addingTimeInterval(Double(n) / 1000), conversationID: id,
                inReplyToPostID: nil, inReplyToUserID: nil, author: author)
            line.removeLast()  // the closing brace: add the matching rule as X does
            line.append(contentsOf: Data(#","matching_rules":[{"id":"1","tag":"AcmeCare"}]}"#.utf8))
            return line
        }
        let bytes = rendered.reduce(0) { $0 + $1.count + 2 }
        let clock = ContinuousClock()
        let began = clock.now
        for offset in stride(from: 0, to: rendered.count, by: chunk) {
            await fake.world.broadcast(lines: Array(rendered[offset..<min(offset + chunk, rendered.count)]))
        }
        let written = clock.now - began
        let journal = Journal(database: app.db)
        while try await journal.counts().values.reduce(0, +) < lines {
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = clock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let writeSeconds = Double(written.components.seconds) + Double(written.components.attoseconds) / 1e18
        let cost = try await XCostReport.build(database: app.db, now: Date())
        return """
        lines:                  \(lines) (\(bytes / lines) bytes each on average, \(chunk) per chunk from the fake X)
        journaled:              \(try await journal.counts().values.reduce(0, +)) events in \(String(format: "%.2f", seconds)) s
        sustained:              \(String(format: "%.0f", Double(lines) / seconds)) lines/s into the journal (fake X wrote them in \(String(format: "%.2f", writeSeconds)) s)
        metered:                \(cost.today.units["post_read"] ?? 0) post reads, \(cost.today.units["user_read"] ?? 0) user reads, $\(String(format: "%.2f", cost.today.costUSD))
        """
    }
}
