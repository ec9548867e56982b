import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
@testable import ParleyServer

/// The filtered stream over real HTTP: rules kept in sync, lines journaled, and after a cut or a
/// stall a reconnect with backfill, so nothing is lost and nothing doubles.
@Suite(.serialized) struct StreamTests {
    static let stream = "/2/tweets/search/stream"

    func customerPost(_ h: ConnectorHarness, _ n: Int) async -> String {
        let world = h.fake.world
        let id = await world.nextPostID()
        await world.addPost(FakeXPost(
            id: id, authorID: FakeXSeed.customerUserID, text: "@\(FakeXSeed.brandUsername) order \(n) never arrived",
            createdAt: Date(), conversationID: id, inReplyToUserID: nil, referencedTweets: [], replyRestricted: false))
        return id
    }

    func messageIDs(_ h: ConnectorHarness) async throws -> [String] {
        try await ParleyApp.processor(for: h.app).drain()
        return try await h.app.db.requireSQL().raw("SELECT x_id FROM messages").all()
            .map { try $0.decode(column: "x_id", as: String.self) }
    }

    @Test func aStreamCutMidLineReconnectsAndBackfillsWithoutLossOrDuplicates() async throws {
        try await ConnectorHarness.run(configure: { $0.stream = true }) { h in
            try await h.connectBrand(terms: [])
            await h.fake.world.inject(.streamCutMidLine(afterLines: 2), path: Self.stream)
            try await h.whileConnectorRuns {
                try await eventually("the stream is connected") { await h.fake.world.streamConnections() == 1 }
                var ids: [String] = []
                for n in 1...5 { ids.append(await customerPost(h, n)) }
                try await eventually("the stream reconnected") { await h.requests(Self.stream).count >= 2 }
                try await eventually("the stream is connected again") { await h.fake.world.streamConnections() == 1 }
                ids.append(await customerPost(h, 6))
                try await eventually("all six posts are journaled") {
                    Set(try await h.journaled(.xStream)).isSuperset(of: ids.map { "post:" + $0 })
                }
                let messages = try await messageIDs(h)
                for id in ids { #expect(messages.filter { $0 == id }.count == 1, "post \(id)") }
            }
            // The gap was filled by recent search from the last post the stream delivered.
            let backfill = await h.requests("/2/tweets/search/recent")
            #expect(!backfill.isEmpty)
            #expect(backfill.allSatisfy { $0.query["since_id"] != nil })
            let rules = await h.requests("/2/tweets/search/stream/rules")
            #expect(rules.contains { $0.method == "POST" })
        }
    }

    @Test func aSilentStreamIsDetectedAsStalledAndReconnected() async throws {
        try await ConnectorHarness.run(configure: { $0.stream = true }) { h in
            try await h.connectBrand(terms: [])
            await h.fake.world.inject(.streamStall(afterLines: 0), path: Self.stream)
            try await h.whileConnectorRuns {
                try await eventually("a second connection after the stall", within: 8) {
                    await h.requests(Self.stream).count >= 2
                }
                try await eventually("the stream is connected again") { await h.fake.world.streamConnections() == 1 }
                let id = await customerPost(h, 1)
                try await eventually("the post after the stall is journaled") {
                    try await h.journaled(.xStream).contains("post:" + id)
                }
            }
            let log = await h.requests(Self.stream)
            // Stall timeout 1 s: the reconnect came after it, not at once.
            #expect(log[1].at.timeIntervalSince(log[0].at) >= 1)
        }
    }
}
