import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Polling over real HTTP against the fake X: every recorded post once, checkpoints that survive a
/// restart, and X's faults (rate limits, 5xx, revoked tokens, malformed bodies) handled.
@Suite(.serialized) struct PollingTests {
    static let mentions = "/2/users/:id/mentions"

    @Test func mentionsFromAnEmptyCheckpointAreJournaledOnceAndARestartDoesNotReadThemAgain() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            let first = try await h.poll(.mentions, handle)
            #expect(first.items == FakeXSeed.mentionCount)
            #expect(first.newlyJournaled == FakeXSeed.mentionCount)
            let pages = await h.requests(Self.mentions)
            #expect(pages.count == (FakeXSeed.mentionCount + 9) / 10)
            #expect(pages.first?.query["since_id"] == nil)
            #expect(pages.dropFirst().allSatisfy { $0.query["pagination_token"] != nil })
            // The fields threading and the customer card need come with the first read.
            #expect(pages.first?.query["expansions"]?.contains("author_id") == true)
            let journal = try await h.journaled(.xPoll)
            #expect(journal.count == FakeXSeed.mentionCount)
            #expect(Set(journal).count == journal.count)
            let newest = try #require(journal.map { String($0.dropFirst("post:".count)) }.max { !XSnowflake.isNewer($0, than: $1) })

            // A new process on the same database resumes from the checkpoint.
            let restarted = try XServices(
                database: h.app.db, config: h.x.config, metrics: ParleyMetrics(), clock: { Date() })
            let poller = XPoller(
                database: h.app.db, api: restarted.api, meter: restarted.meter, ingestor: ParleyApp.ingestor(for: h.app),
                pageSize: 10, clock: { Date() })
            let again = try await poller.poll(
                .mentions, handle: handle, ownHandles: [handle.username], credential: try await restarted.credentials.user(handle.id))
            #expect(again.items == 0)
            let after = await h.requests(Self.mentions)
            #expect(after.count == pages.count + 1)
            #expect(after.last?.query["since_id"] == newest)
            #expect(try await h.journaled(.xPoll).count == FakeXSeed.mentionCount)

            // The cost meter billed each post once, plus the authors X returned.
            let report = try await XCostReport.build(database: h.app.db, now: Date())
            let line = try #require(report.handles[handle.username]?.today)
            #expect(line.units["post_read"] == FakeXSeed.mentionCount)
            #expect(line.requests == pages.count + 1)
            let users = line.units["user_read"] ?? 0
            #expect(abs(line.costUSD - (Double(FakeXSeed.mentionCount) * 0.005 + Double(users) * 0.010)) < 1e-9)

            // Every journaled mention becomes a message; none is malformed.
            try await ParleyApp.processor(for: h.app).drain()
            let stats = try await StoreStats.load(from: h.app.db)
            #expect(stats.journalByStatus["malformed", default: 0] == 0)
            #expect(stats.messagesByKind.values.reduce(0, +) == FakeXSeed.mentionCount)
        }
    }

    @Test func brandTermsAreSearchedWithoutTheHandleAndDMsArePolledOnce() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            let search = try await h.poll(.search, handle)
            #expect(search.items == FakeXSeed.searchMatchCount)
            let query = try #require(await h.requests("/2/tweets/search/recent").first?.query["query"])
            #expect(query.contains(FakeXSeed.searchTerm))
            #expect(query.contains("-@\(FakeXSeed.brandUsername)"))
            #expect(query.contains("-from:\(FakeXSeed.brandUsername)"))
            let dms = try await h.poll(.dm, handle)
            #expect(dms.items == FakeXSeed.dmEventCount)
            #expect(try await h.poll(.dm, handle).items == 0)
            let journal = try await h.journaled(.xPoll)
            #expect(journal.filter { $0.hasPrefix("dm:") }.count == FakeXSeed.dmEventCount)
            try await ParleyApp.processor(for: h.app).drain()
            let stats = try await StoreStats.load(from: h.app.db)
            #expect(stats.journalByStatus["malformed", default: 0] == 0)
        }
    }

    @Test func aRateLimitWaitsForItsResetAndThenResumes() async throws {
        try await ConnectorHarness.run { h in
            try await h.connectBrand()
            await h.fake.world.inject(.rateLimited(resetIn: 2), path: Self.mentions)
            try await h.whileConnectorRuns {
                try await eventually("every mention is journaled") {
                    try await h.journaled(.xPoll).filter { $0.hasPrefix("post:") }.count >= FakeXSeed.mentionCount
                }
            }
            let log = await h.requests(Self.mentions)
            let limited = try #require(log.firstIndex { $0.status == 429 })
            let next = try #require(log.indices.first { $0 > limited })
            // X's reset header is whole seconds: the next request waited for it, not the 0.1 s interval.
            #expect(log[next].at.timeIntervalSince(log[limited].at) > 0.9)
        }
    }

    @Test func serverErrorsBackOffAndThePollResumes() async throws {
        try await ConnectorHarness.run { h in
            try await h.connectBrand()
            await h.fake.world.inject(.serviceUnavailable, path: Self.mentions, times: 2)
            try await h.whileConnectorRuns {
                try await eventually("every mention is journaled") {
                    try await h.journaled(.xPoll).filter { $0.hasPrefix("post:") }.count >= FakeXSeed.mentionCount
                }
            }
            let log = await h.requests(Self.mentions)
            #expect(log.prefix(2).map(\.status) == [503, 503])
            // Exponential: 5 s then 10 s, scaled by 0.02, with at most 20% jitter.
            #expect(log[1].at.timeIntervalSince(log[0].at) >= 0.07)
            #expect(log[2].at.timeIntervalSince(log[1].at) >= 0.15)
        }
    }

    @Test func aRevokedTokenMarksTheHandleAndStopsItsReads() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand(terms: [])
            await h.fake.world.inject(.unauthorized, path: Self.mentions)
            await h.fake.world.inject(.unauthorized, path: "/2/dm_events")
            try await h.whileConnectorRuns {
                try await eventually("the handle needs re-authorization") {
                    try await XConnectionQueries(database: h.app.db).status(handle.id)?.authState == .needsReauth
                }
                try await Task.sleep(for: .milliseconds(600))
            }
            // No hammering: after the 401, neither source asked again.
            #expect(await h.requests(Self.mentions).count + (await h.requests("/2/dm_events").count) <= 2)
            let status = try #require(try await XConnectionQueries(database: h.app.db).status(handle.id))
            #expect(status.authError?.contains("401") == true)
            try await h.app.testing().test(.GET, "health") { res in
                #expect(res.status == .ok)
                let body = res.body.string
                #expect(body.contains(#""status":"degraded""#))
                #expect(body.contains(#""auth_state":"needs_reauth""#))
            }
        }
    }

    @Test(arguments: [FakeXFault.htmlErrorPage, .emptyBody, .partialJSON, .wrongTypes])
    func aMalformedAnswerIsCountedAndTheCheckpointStays(_ fault: FakeXFault) async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            await h.fake.world.inject(fault, path: Self.mentions)
            await #expect(throws: XAPIError.self) { try await h.poll(.mentions, handle) }
            #expect(try await XCheckpointQueries(database: h.app.db).load(handleKey: handle.id.uuidString, resource: "mentions") == nil)
            #expect(try await h.journaled(.xPoll).isEmpty)
            let metrics = h.app.parleyServices.metrics.registry.emitToString()
            if fault != .htmlErrorPage {
                #expect(metrics.contains("parley_x_malformed_responses_total 1"))
            }
            // The next poll reads everything.
            #expect(try await h.poll(.mentions, handle).items == FakeXSeed.mentionCount)
        }
    }

    @Test func aSpentBudgetPausesReads() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            try await XConnectionQueries(database: h.app.db).setMonthlyBudget(handle.id, micros: 10_000)
            let status = try #require(try await XConnectionQueries(database: h.app.db).status(handle.id))
            let meter = h.x.meter
            let first = try await h.poller.poll(
                .mentions, handle: handle, ownHandles: [], credential: try await h.x.credentials.user(handle.id)
            ) { try await meter.budgetReached(status) }
            // One page costs more than the budget; the poll stops there and keeps its place.
            #expect(first.pausedByBudget)
            #expect(first.pages == 1)
            let before = await h.requests(Self.mentions).count
            let second = try await h.poller.poll(
                .mentions, handle: handle, ownHandles: [], credential: try await h.x.credentials.user(handle.id)
            ) { try await meter.budgetReached(status) }
            #expect(second.pausedByBudget && second.pages == 0)
            #expect(await h.requests(Self.mentions).count == before)
            let report = try await XCostReport.build(database: h.app.db, now: Date())
            #expect(report.handles[handle.username]?.readsPaused == true)
        }
    }
}
