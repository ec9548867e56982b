import FluentSQL
import Foundation
import ParleyCore
import ParleyStore
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
    _ body: (Application, TestClock) async throws -> Void
) async throws {
    let config = ParleyConfig(
        database: database ?? .sqlite(path: temporaryDatabasePath()), runWorkers: false,
        workingDirectory: repositoryRoot.path)
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

/// An agent with an API token; returns the bearer header.
func makeAgent(_ app: Application, email: String = "agent@example.com", role: UserRole = .agent) async throws -> HTTPHeaders {
    let users = UserQueries(database: app.db)
    let user = try await users.create(
        email: email, name: "Ana", passwordHash: try ParleyApp.hashPassword("secret-password", on: app), role: role,
        at: Date(), id: UUID())
    let token = "pk_test_\(UUID().uuidString)"
    try await users.createToken(userID: user.id, token: token, name: "test", at: Date(), id: UUID())
    var headers = HTTPHeaders()
    headers.bearerAuthorization = BearerAuthorization(token: token)
    return headers
}

func replayMax(_ app: Application, _ lines: [Data]) async throws -> Replayer.Report {
    try await Replayer(ingestor: ParleyApp.ingestor(for: app), processor: ParleyApp.processor(for: app)).run(lines, speed: .max)
}

/// Everything derived from the journal, as sorted text, to compare two stores exactly.
func derivedSnapshot(_ app: Application) async throws -> [String] {
    let sql = app.db as! any SQLDatabase
    var lines: [String] = []
    let queries: [(String, String)] = [
        ("conversations", "SELECT id, handle_id, customer_id, state, has_public, has_dm, opened_at, last_message_at, awaiting_reply_since, message_count FROM conversations"),
        ("messages", "SELECT id, x_id, x_version_id, kind, conversation_id, handle_id, author_x_user_id, text, created_at, in_reply_to_x_id FROM messages"),
        ("customers", "SELECT id, x_user_id, username, name, followers_count, verified FROM customers"),
        ("thread_keys", "SELECT key, role, message_id, conversation_id FROM thread_keys"),
    ]
    for (table, query) in queries {
        for row in try await sql.raw(SQLQueryString(query)).all() {
            var fields: [String] = [table]
            for column in row.allColumns {
                fields.append("\(column)=\(describe(row, column))")
            }
            lines.append(fields.joined(separator: "|"))
        }
    }
    return lines.sorted()
}

/// A column's value as text, whatever its type.
private func describe(_ row: any SQLRow, _ column: String) -> String {
    if let value = try? row.decode(column: column, as: UUID.self) { return value.uuidString }
    if let value = try? row.decode(column: column, as: Double.self) { return "\(value)" }
    if let value = try? row.decode(column: column, as: String.self) { return value }
    return "null"
}
