import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// The foundation's acceptance: the IBM demo stream (1,025 real care threads) through the whole loop.
@Suite(.serialized) struct IBMReplayTests {
    @Test func replayGivesOneConversationPerThreadAndIsIdempotent() async throws {
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            let lines = try demoStreamLines()
            let first = try await replayMax(app, lines)
            #expect(first.lines == 2350)
            #expect(first.journaled == 2350)
            let stats = try await StoreStats.load(from: app.db)
            #expect(stats.conversationsByState.values.reduce(0, +) == 1025)
            #expect(stats.malformedEvents == 0)
            #expect(stats.messagesByKind.values.reduce(0, +) == 2350)
            #expect(stats.messagesByKind["own_post"] == 1139)

            let again = try await replayMax(app, lines)
            #expect(again.journaled == 0)
            #expect(try await StoreStats.load(from: app.db) == stats)
        }
    }

    @Test func messagesComeInWrittenOrderWithinEachConversation() async throws {
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, try demoStreamLines())
            let conversations = ConversationQueries(database: app.db)
            var cursor: QueueCursor?
            var seen = 0
            repeat {
                let page = try await conversations.page(state: nil, handleID: nil, limit: 200, after: cursor)
                for item in page.items {
                    let detail = try #require(try await conversations.detail(item.conversation.id))
                    #expect(detail.messages.map(\.createdAt) == detail.messages.map(\.createdAt).sorted())
                    #expect(detail.messages.count == item.conversation.messageCount)
                    #expect(!detail.messages.isEmpty && !detail.messages[0].kind.isOwn)
                }
                seen += page.items.count
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == 1025)
        }
    }

    @Test func journalRebuildReproducesTheDerivedTables() async throws {
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, try demoStreamLines())
            let before = try await derivedSnapshot(app)
            let rebuild = JournalRebuild(database: app.db)
            try await rebuild.begin()
            #expect(try await StoreStats.load(from: app.db).conversationsByState.isEmpty)
            try await ParleyApp.processor(for: app).drain()
            try await rebuild.finish()
            #expect(try await derivedSnapshot(app) == before)
        }
    }
}
