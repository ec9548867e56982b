import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// Three `parley serve` processes on one PostgreSQL, reading the fake X: they migrate once, read
/// X once between them (one poller per handle, one stream connection), and when the leader is
/// killed another takes its work over.
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct ScaleOutTests {
    static let mentions = "/2/users/:id/mentions"
    static let stream = "/2/tweets/search/stream"

    /// A running `parley serve`, its log in a file.
    final class Server: Sendable {
        let process: Process
        let log: URL
        let port: Int

        init(url: String, fake: FakeX, port: Int, stream: Bool, environment extra: [String: String]) throws {
            self.port = port
            log = FileManager.default.temporaryDirectory.appendingPathComponent("parley-serve-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let output = try FileHandle(forWritingTo: log)
            let options = FakeX.Options()
            process = Process()
            process.executableURL = try CrashRecoveryTests.parleyExecutable()
            process.arguments = ["serve", "--port", "\(port)"]
            process.currentDirectoryURL = repositoryRoot
            process.environment = [
                "DATABASE_URL": url, "LOG_LEVEL": "info", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
                "X_API_BASE_URL": fake.baseURL, "X_BEARER_TOKEN": options.appBearerToken,
                "X_CONSUMER_KEY": options.consumerKey, "X_CONSUMER_SECRET": options.consumerSecret,
                "X_CLIENT_ID": options.clientID, "PARLEY_TOKEN_KEY": ConnectorHarness.tokenKey,
                "PARLEY_X_POLL": "mentions=1,search=1,dm=1", "PARLEY_X_STREAM": stream ? "true" : "false",
            ].merging(extra) { $1 }
            process.standardOutput = output
            process.standardError = output
            try process.run()
        }

        var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// True when this process logged that it leads `lock` (by prefix).
        func leads(_ lock: String) -> Bool {
            logText.split(separator: "\n").contains { $0.contains("leading") && $0.contains("lock=\(lock)") }
        }

        func healthy() async -> Bool {
            guard let response = try? await HTTPClient.shared.get(url: "http://127.0.0.1:\(port)/health").get() else { return false }
            return response.status == .ok
        }

        func kill() {
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// Starts three servers at once on an empty database and waits until each answers.
    func startThree(url: String, fake: FakeX, stream: Bool, environment: [String: String]) async throws -> [Server] {
        let base = Int.random(in: 20_000...40_000)
        let servers = try (0..<3).map { try Server(url: url, fake: fake, port: base + $0, stream: stream, environment: environment) }
        try await eventually("three servers answer /health", within: 60) {
            for server in servers where !server.process.isRunning {
                Issue.record("a server exited at start-up: \(server.logText.suffix(2000))")
                throw CancellationError()
            }
            for server in servers where !(await server.healthy()) { return false }
            return true
        }
        return servers
    }

    /// The fake, a migrated database holding the brand's handle and tokens, and three servers.
    /// An HTTP receiver on 127.0.0.1 that keeps every body POSTed to the hook URL it passes `body`.
    func withAlertReceiver(_ alerts: SLATests.AlertSink, _ body: (String) async throws -> Void) async throws {
        let receiver = try await Application.make(Environment(name: "testing", arguments: ["alerts"]))
        receiver.logger.logLevel = .warning
        receiver.post("hook") { req -> HTTPStatus in
            alerts.bodies.withLock { $0.append(req.body.string ?? "") }
            return .ok
        }
        try await receiver.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(receiver.http.server.shared.localAddress?.port)
        defer { Task { await receiver.server.shutdown(); try? await receiver.asyncShutdown() } }
        try await body("http://127.0.0.1:\(port)/hook")
    }

    func withThreeServers(
        stream: Bool, environment: [String: String] = [:], _ body: (ConnectorHarness, [Server]) async throws -> Void
    ) async throws {
        let database = try TestDatabases.freshPostgres()
        guard case .postgres(let url) = database else { Issue.record("not PostgreSQL"); return }
        let fake = try await FakeX.start(options: FakeX.Options(keepAliveInterval: 0.2))
        var servers: [Server] = []
        defer { for server in servers { server.kill() } }
        do {
            // Three processes at once on an empty database: the migrations run once, in one of them.
            servers = try await startThree(url: url, fake: fake, stream: stream, environment: environment)
            for server in servers {
                #expect(!server.logText.contains(" error "), "a server logged an error at start-up: \(server.logText.suffix(2000))")
            }
            await fake.world.clearRequests()
            try await ConnectorHarness.run(database: database, externalFake: fake) { h in
                let migrations = try await h.app.db.requireSQL().raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?
                    .decode(column: "n", as: Int.self)
                #expect(migrations == ParleyMigrations.all.count, "each migration ran once")
                try await h.connectBrand()
                try await body(h, servers)
            }
        } catch {
            await fake.shutdown()
            throw error
        }
        await fake.shutdown()
    }

    @Test func threeProcessesPollEachHandleOnceAndALeadersDeathHandsThePollingOver() async throws {
        try await withThreeServers(stream: false) { h, servers in
            // The servers look for new handles every 10 s.
            try await eventually("the handle is polled", within: 20) { await h.requests(Self.mentions).count >= 1 }
            try await Task.sleep(for: .seconds(6))
            let steady = await h.requests(Self.mentions)
            let gaps = zip(steady.dropFirst(), steady).map { $0.at.timeIntervalSince($1.at) }
            #expect(steady.count >= 4 && steady.count <= 9, "\(steady.count) mention reads in about 7 s at one a second")
            #expect(gaps.allSatisfy { $0 >= 0.8 }, "two processes polled the same handle: gaps \(gaps)")
            let leaders = servers.filter { $0.leads("x.handle.") }
            try #require(leaders.count == 1, "exactly one process leads the handle")

            let killedAt = Date()
            leaders[0].kill()
            try await eventually("another process polls the handle", within: 15) {
                await h.requests(Self.mentions).contains { $0.at > killedAt.addingTimeInterval(0.5) }
            }
            let takeover = await h.requests(Self.mentions).first { $0.at > killedAt.addingTimeInterval(0.5) }!.at
            #expect(takeover.timeIntervalSince(killedAt) < 15)
            try await eventually("another process says it leads the handle", within: 15) {
                servers.filter { $0 !== leaders[0] && $0.leads("x.handle.") }.count == 1
            }

            // Every post read is one message.
            let duplicates = try await h.app.db.requireSQL()
                .raw("SELECT x_id FROM messages GROUP BY x_id HAVING COUNT(*) > 1").all()
            #expect(duplicates.isEmpty)
            let journaled = try await h.journaled(.xPoll)
            #expect(Set(journaled).count == journaled.count)
        }
    }

    @Test func threeProcessesOpenOneStreamConnectionAndALeadersDeathReopensIt() async throws {
        try await withThreeServers(stream: true) { h, servers in
            try await eventually("the stream is connected", within: 20) { await h.fake.world.streamConnections() == 1 }
            try await Task.sleep(for: .seconds(4))
            #expect(await h.fake.world.streamConnections() == 1)
            // The fake refuses a second connection (X allows one); none was even tried.
            #expect(await h.requests(Self.stream).filter { $0.status != 200 }.isEmpty, "a second connection was attempted")
            let leaders = servers.filter { $0.leads("x.stream") }
            try #require(leaders.count == 1, "exactly one process leads the stream")

            let killedAt = Date()
            leaders[0].kill()
            try await eventually("another process opens the stream", within: 15) {
                let connections = await h.fake.world.streamConnections()
                return connections == 1 && servers.contains { $0 !== leaders[0] && $0.leads("x.stream") }
            }
            #expect(Date().timeIntervalSince(killedAt) < 15)
            try await Task.sleep(for: .seconds(2))
            #expect(await h.fake.world.streamConnections() == 1)
            #expect(servers.filter { $0.leads("x.stream") }.count == 2, "one leader before the kill, one after")
            #expect(await h.requests(Self.stream).filter { $0.status != 200 }.isEmpty, "a second connection was attempted")
        }
    }

    /// The desk pass (routing, SLA measurement) runs in the leader alone: with three processes, each
    /// breach is audited and alerted once, also across a leader's death, and no audit row doubles.
    @Test func threeProcessesAlertEachBreachOnceAndWriteNoAuditRowTwice() async throws {
        let alerts = SLATests.AlertSink()
        try await withAlertReceiver(alerts) { hook in
        try await withThreeServers(stream: false, environment: ["PARLEY_ALERT_WEBHOOK_URL": hook]) { h, servers in
            // The recorded mentions are years old: under a one-minute promise each breaches at once.
            let calendar = try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil)
            try await SLAQueries(database: h.app.db).save(StoredSLAPolicy(
                id: UUID(), handleID: nil, minPriority: 0,
                policy: SLAPolicy(firstResponseMinutes: 1, nextResponseMinutes: 1, calendar: calendar)), at: Date())
            let sql = try h.app.db.requireSQL()
            func breaches() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'sla_breached'").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            try await eventually("cases breach", within: 30) { try await breaches() >= 1 }
            let leaders = servers.filter { $0.leads("desk") }
            try #require(leaders.count == 1, "exactly one process leads the desk pass")

            // The desk's leader dies; a customer writes; the next leader measures the new case.
            leaders[0].kill()
            let world = h.fake.world
            let id = await world.nextPostID()
            await world.addPost(FakeXPost(
                id: id, authorID: FakeXSeed.customerUserID, text: "@\(FakeXSeed.brandUsername) my order never arrived",
                createdAt: Date().addingTimeInterval(-3600), conversationID: id, inReplyToUserID: nil, referencedTweets: [],
                replyRestricted: false))
            try await eventually("the new case breaches under the next leader", within: 60) {
                try await sql.raw("""
                    SELECT COUNT(*) AS n FROM audit_events a JOIN messages m ON m.conversation_id = a.conversation_id
                    WHERE a.action = 'sla_breached' AND m.x_id = \(bind: id)
                    """).first()?.decode(column: "n", as: Int.self) == 1
            }
            #expect(servers.filter { $0.leads("desk") }.count == 2, "one leader before the kill, one after")
            // The cases stop coming once every recorded post is read; then every breach is alerted.
            // Generous: under the whole suite's load on two cores the three processes take longer.
            do {
                try await eventually("every breach is alerted", within: 90) {
                    let breached = try await breaches()
                    try await Task.sleep(for: .seconds(2))
                    return try await breaches() == breached && alerts.bodies.withLock { $0.count } >= breached
                }
            } catch {
                let jobs = try await sql.raw("SELECT kind, state, attempts, last_error FROM jobs").all().map {
                    "\(try $0.decode(column: "kind", as: String.self)) \(try $0.decode(column: "state", as: String.self)) \(try $0.decode(column: "attempts", as: Int.self)) \(try $0.decode(column: "last_error", as: String?.self) ?? "")"
                }
                Issue.record("breaches \(try await breaches()), webhook calls \(alerts.bodies.withLock { $0.count }), jobs: \(jobs.prefix(20))")
                for server in servers { Issue.record("server log tail: \(server.logText.suffix(1500))") }
                throw error
            }
            try await Task.sleep(for: .seconds(2))
            let breached = try await breaches()

            let perCase = try await sql.raw("""
                SELECT conversation_id, COUNT(*) AS n FROM audit_events WHERE action = 'sla_breached' GROUP BY conversation_id
                """).all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(perCase.allSatisfy { $0 == 1 }, "a case's breach was audited more than once: \(perCase)")
            let alerted = alerts.bodies.withLock { $0 }.compactMap { body in
                (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["conversation_id"] as? String
            }
            #expect(alerted.count == breached, "\(alerted.count) alerts for \(breached) breaches")
            #expect(Set(alerted).count == alerted.count, "a breach was alerted twice")
            let doubled = try await sql.raw("""
                SELECT conversation_id, action, detail FROM audit_events
                GROUP BY conversation_id, action, detail HAVING COUNT(*) > 1
                """).all()
            #expect(doubled.isEmpty, "\(doubled.count) audit rows written twice")
            let duplicates = try await sql.raw("SELECT x_id FROM messages GROUP BY x_id HAVING COUNT(*) > 1").all()
            #expect(duplicates.isEmpty, "a post became two messages")
        } }
    }

    /// A burst of similar complaints heard by three processes: the spike pass runs in its leader
    /// alone, and each alert is stored once and reaches the webhook once, also after that leader dies.
    @Test func threeProcessesRaiseEachSpikeAlertOnce() async throws {
        let alerts = SLATests.AlertSink()
        try await withAlertReceiver(alerts) { hook in
        try await withThreeServers(stream: false, environment: ["PARLEY_ALERT_WEBHOOK_URL": hook]) { h, servers in
            let sql = try h.app.db.requireSQL()
            func stored() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM spike_alerts").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            try await eventually("one process leads the spike pass", within: 15) { servers.filter { $0.leads("spikes") }.count == 1 }
            // 30 customers report the same crash over the three buckets before the last closed one.
            // Not within 90 s of a bucket's end: if the bucket closed while the processes read the
            // burst, the burst would no longer be in the last closed bucket the pass looks at.
            let next = VolumeSeriesKey.bucketStart(Date()).addingTimeInterval(VolumeSeriesKey.bucket)
            if next.timeIntervalSinceNow < 90 { try await Task.sleep(for: .seconds(next.timeIntervalSinceNow + 1)) }
            let world = h.fake.world
            let closed = VolumeSeriesKey.bucketStart(Date())
            for k in 0..<30 {
                let author = "77\(100_000 + k)"
                await world.addUser(FakeXUser(id: author, username: "fan\(k)", name: "Fan \(k)"))
                let id = await world.nextPostID()
                await world.addPost(FakeXPost(
                    id: id, authorID: author, text: "@\(FakeXSeed.brandUsername) the app crashes at login again \(k)",
                    createdAt: closed.addingTimeInterval(-900 + Double(k) * 25), conversationID: id))
            }
            try await eventually("the burst is alerted", within: 60) { try await stored() >= 1 }
            // The spike pass's leader dies; the next one finds nothing new to raise.
            servers.first { $0.leads("spikes") }?.kill()
            try await eventually("another process leads the spike pass", within: 20) { servers.filter { $0.leads("spikes") }.count == 2 }
            // The new leader's first pass runs as it takes over.
            try await Task.sleep(for: .seconds(5))
            let rows = try await sql.raw("SELECT series, COUNT(*) AS n FROM spike_alerts GROUP BY series").all()
            #expect(try rows.allSatisfy { try $0.decode(column: "n", as: Int.self) == 1 }, "a series was alerted twice")
            try await eventually("every alert reaches the webhook", within: 60) {
                alerts.bodies.withLock { $0.filter { $0.contains("\"event\":\"spike\"") }.count } >= rows.count
            }
            try await Task.sleep(for: .seconds(2))
            let delivered = alerts.bodies.withLock { $0 }.compactMap { body in
                (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]).flatMap { $0["event"] as? String == "spike" ? $0["alert_id"] as? String : nil }
            }
            #expect(delivered.count == rows.count, "\(delivered.count) webhook calls for \(rows.count) alerts")
            #expect(Set(delivered).count == delivered.count, "an alert reached the webhook twice")
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM spike_alerts WHERE headline LIKE '%crashes%'").first()?.decode(column: "n", as: Int.self) == 1)
        } }
    }
}
