import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
@testable import ParleyServer

/// A desk pointed at a local fake X over real HTTP, on the real clock (rate-limit resets and
/// backoff are real waits, kept short by the fake's options and `backoffScale`).
struct ConnectorHarness {
    let app: Application
    let fake: FakeX
    let x: XServices

    static let tokenKey = Data(repeating: 7, count: 32).base64EncodedString()

    static func run(
        fake options: FakeX.Options = FakeX.Options(keepAliveInterval: 0.2), database: DatabaseChoice? = nil,
        externalFake: FakeX? = nil, effects: Effects = .live,
        configure adjust: (inout XConnectorConfig) -> Void = { _ in },
        _ body: (ConnectorHarness) async throws -> Void
    ) async throws {
        // An external fake belongs to the caller, who shuts it down.
        let fake = if let externalFake { externalFake } else { try await FakeX.start(options: options) }
        let ownsFake = externalFake == nil
        var config = ParleyConfig(
            database: database ?? .sqlite(path: temporaryDatabasePath()), runWorkers: false, workingDirectory: repositoryRoot.path)
        config.x.use(baseURL: fake.baseURL)
        config.x.bearerToken = options.appBearerToken
        config.x.consumerKey = options.consumerKey
        config.x.consumerSecret = options.consumerSecret
        config.x.clientID = options.clientID
        config.x.tokenKey = tokenKey
        config.x.mentionsInterval = 0.1
        config.x.searchInterval = 0.1
        config.x.dmInterval = 0.1
        config.x.pageSize = 10
        config.x.streamStallTimeout = 1
        config.x.backoffScale = 0.02
        adjust(&config.x)
        let app: Application
        do {
            app = try await ParleyApp.make(config: config, effects: effects)
        } catch {
            if ownsFake { await fake.shutdown() }
            throw error
        }
        do {
            let x = try #require(app.parleyServices.x)
            try await body(ConnectorHarness(app: app, fake: fake, x: x))
        } catch {
            try? await app.asyncShutdown()
            if ownsFake { await fake.shutdown() }
            throw error
        }
        try await app.asyncShutdown()
        if ownsFake { await fake.shutdown() }
    }

    /// The seeded brand, on the desk, with user-context tokens the fake issued.
    @discardableResult
    func connectBrand(terms: [String] = [FakeXSeed.searchTerm]) async throws -> Handle {
        let handle = try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", FakeXSeed.brandUserID), xUserID: FakeXSeed.brandUserID,
            username: FakeXSeed.brandUsername, name: FakeXSeed.brandUsername, role: .care, terms: terms))
        let pair = await fake.world.issueUserToken(for: FakeXSeed.brandUserID)
        try await x.credentials.store(
            XOAuth2Token(accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresIn: 7200, scope: nil),
            for: handle.id)
        return handle
    }

    var poller: XPoller {
        XPoller(database: app.db, api: x.api, meter: x.meter, ingestor: ParleyApp.ingestor(for: app), pageSize: 10, clock: { Date() })
    }

    func poll(_ source: XPollSource, _ handle: Handle) async throws -> XPoller.Report {
        let credential: XCredential = source == .search ? .appBearer("fake-app-bearer") : try await x.credentials.user(handle.id)
        return try await poller.poll(source, handle: handle, ownHandles: [handle.username], credential: credential)
    }

    /// Runs the connector's background loops while `body` runs.
    func whileConnectorRuns(_ body: () async throws -> Void) async throws {
        let connector = x.connector(ingestor: ParleyApp.ingestor(for: app))
        let leadership = app.parleyServices.leadership
        let task = Task { await connector.run(leadership: leadership, handleRefresh: .milliseconds(100)) }
        do {
            try await body()
        } catch {
            task.cancel()
            await task.value
            throw error
        }
        task.cancel()
        await task.value
    }

    /// Journal rows from a source, by external id.
    func journaled(_ source: EventSource) async throws -> [String] {
        try await app.db.requireSQL().raw("SELECT external_id FROM journal_events WHERE source = \(bind: source.rawValue) ORDER BY id")
            .all().map { try $0.decode(column: "external_id", as: String.self) }
    }

    func requests(_ route: String) async -> [FakeXRequest] {
        await fake.world.requests().filter { $0.route == route }
    }
}

/// Waits (polling every 50 ms) until `condition` holds, or fails after `seconds`.
func eventually(
    _ what: String, within seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}
