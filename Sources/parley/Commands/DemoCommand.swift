import ArgumentParser
import Foundation
import ParleyCore
import ParleyFakeX
import ParleyServer
import ParleyStore
import ParleyX
import class Vapor.Application

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve a living desk on a fresh SQLite file, fed by a replay of real customer-care conversations.")

    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Address to listen on.") var hostname: String = "127.0.0.1"
    @Option(help: "The demo's SQLite file (recreated at each start).") var db: String = "parley-demo.sqlite"
    @Option(help: "The demo stream (JSONL of X API v2 posts).") var stream: String = "Resources/Demo/ibm-care-stream.jsonl"
    @Option(help: "The demo handles (JSON).") var handles: String = "Resources/Demo/handles.json"
    /// 20: the live part is dense enough to watch and close enough to the history's pace that the
    /// spike pass sees no spike in ordinary traffic (at 144, every handle would spike), so the
    /// one alert is the injected outage's.
    @Option(help: "Stream seconds per real second in the live part (20: a day in 72 minutes).") var compression: Double = 20
    @Flag(name: .customLong("fake-x"), help: """
        Start a local fake X and bring the live part in through the real connector (filtered stream with backfill, \
        DM polling, replies sent over HTTP, the cost meter), with no X credentials.
        """)
    var fakeX = false

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
        var config = ParleyConfig(database: .sqlite(path: db), hostname: hostname, port: port)
        let fake: FakeX? = fakeX ? try await FakeX.start(options: FakeX.Options(seedRecorded: false)) : nil
        if let fake { Self.useFakeX(fake, in: &config) }
        let app = try await ParleyApp.make(config: config)
        let feeder: Task<Void, any Error>
        do {
            feeder = try await Self.prepare(app, lines: lines, handles: handleList, fake: fake, hostname: hostname, port: port,
                                            compression: compression)
        } catch {
            try? await app.asyncShutdown()
            await fake?.shutdown()
            throw error
        }
        try await ParleyApp.serve(app)
        feeder.cancel()
        try await app.asyncShutdown()
        await fake?.shutdown()
    }

    /// The demo's handles, team and history, and the task that plays the rest live.
    static func prepare(
        _ app: Application, lines: ReplayFile, handles handleList: [Handle], fake: FakeX?, hostname: String, port: Int,
        compression: Double
    ) async throws -> Task<Void, any Error> {
        for handle in handleList { try await HandleQueries(database: app.db).upsert(handle) }
        if let fake, let x = ParleyApp.xServices(for: app) {
            try await Self.connect(handleList, to: fake, with: x)
        }
        let admin = try await DemoDesk.login(app, email: Self.email, name: "Demo Admin", password: Self.password, role: .admin)
        try await DemoDesk.seed(app, handles: handleList, admin: admin.id, password: Self.password)
        // Each care handle's help center, linked from its `{{help_url}}`.
        try await DemoHelpCenter.seed(app, file: URL(fileURLWithPath: "Resources/Demo/help-articles.json"), by: admin.id)

        let demo = DemoStream(lines: lines.lines, brandUserIDs: Set(handleList.map(\.xUserID)), now: Date(), compression: compression)
        let ingestor = ParleyApp.ingestor(for: app)
        let history = demo.lines.filter { $0.delay == .zero }
        try await ingestor.receive(history.map { ingestor.rawEvent($0.payload, source: .replay) })
        // The fake X knows the history too, so replies to it are replies to posts X has.
        for line in history { try? await fake?.world.addV2Line(line.payload) }
        try await ParleyApp.processor(for: app).drain()
        try await DemoHistory.seed(app, admin: admin, now: Date())

        FileHandle.standardOutput.write(Data("""

        Parley demo: http://\(hostname == "127.0.0.1" ? "localhost" : hostname):\(port)
        Sign in as \(Self.email) with password \(Self.password)
        That login is an admin; the team's agents (sam@parley.local, alex@parley.local, jordan@parley.local) and their supervisor (priya@parley.local) have the same password.
        \(history.count) posts loaded; \(demo.lines.count - history.count) more arrive live over the next \(Int(demo.lines.last.map { $0.delay.components.seconds / 60 } ?? 0)) minutes\(fake.map { ", through the fake X at " + $0.baseURL } ?? "").

        """.utf8))
        // Three minutes in, an outage: the spike alert follows within minutes.
        var live = demo.lines.filter { $0.delay > .zero }
        if let spotify = handleList.first(where: { $0.username == "SpotifyCares" }) {
            live += DemoOutage.lines(
                handleUsername: spotify.username, handleXUserID: spotify.xUserID, now: Date(), start: .seconds(180), duration: .seconds(360))
            live.sort { $0.delay < $1.delay }
        }
        return Task {
            let clock = ContinuousClock()
            let start = clock.now
            for line in live {
                try await Task.sleep(until: start + line.delay, clock: clock)
                if let fake {
                    // X has a new post or DM: the connector's stream or DM poll brings it in.
                    try? await fake.world.addV2Line(line.payload)
                } else {
                    try await ingestor.receive([ingestor.rawEvent(line.payload, source: .replay)])
                }
            }
        }
    }

    /// The demo's connector settings for a fake X: the filtered stream, DMs polled every 5 s.
    static func useFakeX(_ fake: FakeX, in config: inout ParleyConfig) {
        let options = FakeX.Options()
        config.x.use(baseURL: fake.baseURL)
        config.x.bearerToken = options.appBearerToken
        config.x.consumerKey = options.consumerKey
        config.x.consumerSecret = options.consumerSecret
        config.x.clientID = options.clientID
        // The demo's tokens are the fake's; this key seals them in the demo file and nothing else.
        config.x.tokenKey = Data(repeating: 42, count: 32).base64EncodedString()
        config.x.stream = true
        config.x.dmInterval = 5
    }

    /// Each handle as an account on the fake X, connected with tokens the fake issued.
    static func connect(_ handles: [Handle], to fake: FakeX, with x: XServices) async throws {
        for handle in handles {
            await fake.world.addUser(FakeXUser(id: handle.xUserID, username: handle.username, name: handle.name))
            let pair = await fake.world.issueUserToken(for: handle.xUserID)
            try await x.credentials.store(
                XOAuth2Token(accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresIn: 7200, scope: nil),
                for: handle.id)
        }
    }
}
