import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_608_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// The repository's root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `../shared/data` beside the repository.
let sharedData: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

/// A fresh SQLite file in a temporary directory (a file, not `:memory:`, as in production).
func temporaryDatabasePath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("parley.sqlite").path
}

/// Builds the real application with the production `configure` on a fresh database, runs `body`,
/// and shuts it down. Workers stay off: tests call `runOnce()`/`drain()` and then assert.
func withTestApp(
    database: DatabaseChoice? = nil, clock: TestClock = TestClock(),
    configure adjust: (inout ParleyConfig) -> Void = { _ in },
    _ body: (Application, TestClock) async throws -> Void
) async throws {
    var config = ParleyConfig(
        database: database ?? .sqlite(path: temporaryDatabasePath()), runWorkers: false,
        workingDirectory: repositoryRoot.path)
    adjust(&config)
    let effects = Effects(now: { clock.now }, newID: { UUID() })
    let app = try await ParleyApp.make(config: config, effects: effects)
    do {
        try await body(app, clock)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// The demo's handles, loaded into the store.
@discardableResult
func seedDemoHandles(_ app: Application) async throws -> [Handle] {
    let handles = try HandleFile.load(Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/Demo/handles.json")))
    for handle in handles { try await HandleQueries(database: app.db).upsert(handle) }
    return handles
}

func demoStreamLines() throws -> [Data] {
    try ReplayFile(contentsOf: repositoryRoot.appendingPathComponent("Resources/Demo/ibm-care-stream.jsonl")).lines
}

/// A user with an API token; returns the bearer header.
func makeAgent(_ app: Application, email: String = "agent@example.com", role: UserRole = .agent, scopes: Set<TokenScope>? = nil) async throws -> HTTPHeaders {
    let users = UserQueries(database: app.db)
    let user = try await users.create(
        email: email, name: "Ana", passwordHash: try ParleyApp.hashPassword("secret-password", on: app), role: role,
        at: Date(), id: UUID())
    let token = "pk_test_\(UUID().uuidString)"
    // A token with what its user's role allows (admin's: admin too), unless told otherwise.
    try await users.createToken(userID: user.id, token: token, name: "test", at: Date(), id: UUID(),
                                scopes: scopes ?? (role == .admin ? [.read, .write, .admin] : [.read, .write]))
    var headers = HTTPHeaders()
    headers.bearerAuthorization = BearerAuthorization(token: token)
    return headers
}

func replayMax(_ app: Application, _ lines: [Data]) async throws -> Replayer.Report {
    try await Replayer(ingestor: ParleyApp.ingestor(for: app), processor: ParleyApp.processor(for: app)).run(lines, speed: .max)
}

/// Everything derived from the journal, as sorted text, to compare two stores exactly (times to
/// the millisecond: PostgreSQL keeps microseconds, SQLite a double).
func derivedSnapshot(_ app: Application) async throws -> [String] {
    func t(_ date: Date?) -> String { date.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? "nil" }
    var lines: [String] = []
    for c in try await ConversationRecord.query(on: app.db).all().map({ try $0.toDomain() }) {
        lines.append("conversation|\(c.id)|\(c.handleID)|\(c.customerID)|\(c.state)|\(c.hasPublic)|\(c.hasDM)|\(t(c.openedAt))|\(t(c.lastMessageAt))|\(t(c.awaitingReplySince))|\(c.messageCount)")
    }
    for m in try await MessageRecord.query(on: app.db).all().map({ try $0.toDomain() }) {
        lines.append("message|\(m.id)|\(m.xID)|\(m.xVersionID)|\(m.kind)|\(m.conversationID?.uuidString ?? "nil")|\(m.handleID?.uuidString ?? "nil")|\(m.authorXUserID)|\(m.text)|\(t(m.createdAt))|\(m.inReplyToXID ?? "nil")")
    }
    for c in try await CustomerRecord.query(on: app.db).all().map({ try $0.toDomain() }) {
        lines.append("customer|\(c.id)|\(c.xUserID)|\(c.username)|\(c.name)|\(c.followersCount)|\(c.verified)")
    }
    for k in try await ThreadKeyRecord.query(on: app.db).all().map({ try $0.toDomain() }) {
        lines.append("key|\(k.key)|\(k.role)|\(k.messageID)|\(k.conversationID?.uuidString ?? "nil")")
    }
    return lines.sorted()
}
