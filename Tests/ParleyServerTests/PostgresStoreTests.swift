import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// The foundation's store cases again, on PostgreSQL: same models, same migrations, same results.
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct PostgresStoreTests {
    @Test func ibmReplayIsIdempotentAndRebuildsExactly() async throws {
        try await withTestApp(database: try TestDatabases.freshPostgres()) { app, _ in
            try await seedDemoHandles(app)
            let lines = try demoStreamLines()
            _ = try await replayMax(app, lines)
            let stats = try await StoreStats.load(from: app.db)
            #expect(stats.conversationsByState.values.reduce(0, +) == 1025)
            #expect(stats.messagesByKind.values.reduce(0, +) == 2350)
            #expect(stats.malformedEvents == 0)
            let again = try await replayMax(app, lines)
            #expect(again.journaled == 0)
            #expect(try await StoreStats.load(from: app.db) == stats)

            let before = try await derivedSnapshot(app)
            try await ParleyApp.rebuildFromJournal(app)
            #expect(try await derivedSnapshot(app) == before)
        }
    }

    @Test func sqliteAndPostgresBuildTheSameDesk() async throws {
        var sqlite: [String] = []
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(600)))
            sqlite = try await derivedSnapshot(app)
        }
        try await withTestApp(database: try TestDatabases.freshPostgres()) { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(600)))
            #expect(try await derivedSnapshot(app) == sqlite)
        }
    }

    /// The reports read the same cases on both engines, and the timelines the planner kept are
    /// the ones the migration packs from the stored messages.
    @Test func theReportsReadTheSameOnBothEngines() async throws {
        func figures(_ app: Application) async throws -> (String, [String]) {
            let queries = ReportQueries(database: app.db)
            let scope = ReportScope(from: .distantPast.addingTimeInterval(86_400 * 366 * 100), to: Date(), grouping: .channel)
            let cases = try await queries.cases(from: scope.from, to: scope.to, policies: [])
            let activity = try await queries.activity(from: scope.from, to: scope.to, policies: [])
            let times = ResponseTimesTable(cases, scope: scope)
            let volume = VolumeTable(cases: activity.cases, messages: activity.messages, spans: activity.spans, scope: scope)
            let timelines = try await app.db.requireSQL().raw("SELECT timeline FROM conversations ORDER BY id").all()
                .map { try $0.decode(column: "timeline", as: String.self) }.map { ConversationTimeline(packed: $0).packed }
            try await queries.fillTimelines()
            let filled = try await app.db.requireSQL().raw("SELECT timeline FROM conversations ORDER BY id").all()
                .map { try $0.decode(column: "timeline", as: String.self) }.map { ConversationTimeline(packed: $0).packed }
            #expect(filled == timelines)
            return ("\(times.total.conversations) \(times.total.firstResponse) \(volume.total) \(volume.groups)", timelines)
        }
        var sqlite: (String, [String]) = ("", [])
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(400)))
            sqlite = try await figures(app)
        }
        try await withTestApp(database: try TestDatabases.freshPostgres()) { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(400)))
            let postgres = try await figures(app)
            #expect(postgres.0 == sqlite.0)
            #expect(postgres.1 == sqlite.1)
            #expect(sqlite.1.filter { !$0.isEmpty }.count > 100)
        }
    }

    @Test func replyLoopAndCrashRecovery() async throws {
        try await withTestApp(database: try TestDatabases.freshPostgres()) { app, clock in
            let loop = ReplyLoopTests()
            let id = try await loop.seed(app)
            _ = try await makeAgent(app, email: "pg@example.com")
            let user = try #require(try await UserQueries(database: app.db).find(email: "pg@example.com"))
            let item = try await app.actions.reply.run(
                .init(conversationID: id, text: "On it!", channel: .public), by: user)
            await #expect(throws: Sender.InjectedCrash.self) {
                try await loop.sender(app, faults: Sender.Faults(crashAfterDelivery: true), owner: "doomed").runOnce()
            }
            #expect(try await loop.sender(app, owner: "survivor").runOnce() == .idle)
            clock.advance(by: 31)
            let outcome = try await loop.sender(app, owner: "survivor").runOnce()
            #expect(outcome == .reconciled(item.id, xID: try #require(try await OutboxQueries(database: app.db).find(item.id)?.xID)))
            #expect(try await SandboxQueries(database: app.db).count() == 1)
            try await ParleyApp.processor(for: app).drain()
            let detail = try #require(try await ConversationQueries(database: app.db).detail(id))
            #expect(detail.messages.map(\.kind) == [.mention, .ownPost])
        }
    }

    @Test func queuePagination() async throws {
        try await withTestApp(database: try TestDatabases.freshPostgres()) { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(300)))
            let queries = ConversationQueries(database: app.db)
            var cursor: QueueCursor?
            var ids: [UUID] = []
            repeat {
                let page = try await queries.page(state: nil, handleID: nil, limit: 9, after: cursor)
                ids += page.items.map(\.conversation.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(ids.count == Set(ids).count)
            #expect(ids.count == (try await StoreStats.load(from: app.db)).conversationsByState.values.reduce(0, +))
        }
    }
}
