import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// Two desks on one PostgreSQL database, both publishing and sending at once: a due post goes
/// out once (the due rows are locked with SKIP LOCKED, writes are conditional on the version).
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct PostgresPublishingTests {
    @Test func twoProcessesPublishingAtOnceSendEachPostOnce() async throws {
        let database = try TestDatabases.freshPostgres()
        let clock = TestClock(Date())
        let effects = Effects(now: { clock.now }, newID: { UUID() })
        try await ConnectorHarness.run(database: database, effects: effects) { first in
            let handle = try await first.connectBrand()
            _ = try await makeAgent(first.app, email: "priya@example.com", role: .supervisor)
            let users = UserQueries(database: first.app.db)
            let user = try #require(try await users.find(email: "priya@example.com"))
            let posts = first.app.actions.scheduledPosts
            var ids: [UUID] = []
            for k in 0..<6 {
                let post = try await posts.create(
                    .init(handleID: handle.id, text: "Launch update number \(k)", when: .instant(clock.now.addingTimeInterval(120)), timeZone: "UTC", submit: true),
                    by: user)
                _ = try await posts.approve(post.id, by: user)
                ids.append(post.id)
            }
            try await ConnectorHarness.run(database: database, externalFake: first.fake, effects: effects) { second in
                clock.advance(by: 120)
                func pass(_ h: ConnectorHarness, _ owner: String) async throws {
                    let services = h.app.parleyServices
                    let publisher = Publisher(context: ActionContext(services: services, database: h.app.db))
                    let sender = Sender(
                        database: h.app.db, transport: h.x.transport, ingestor: ParleyApp.ingestor(for: h.app), effects: services.effects,
                        metrics: services.metrics, owner: owner, leaseSeconds: 30)
                    for _ in 0..<6 {
                        try await publisher.runOnce()
                        while try await sender.runOnce() != .idle {}
                    }
                }
                async let a: Void = pass(first, "sender-a")
                async let b: Void = pass(second, "sender-b")
                _ = try await (a, b)
            }
            let sent = await first.fake.world.posts(by: FakeXSeed.brandUserID).filter { $0.text.hasPrefix("Launch update number") }
            #expect(sent.count == 6)
            #expect(Set(sent.map(\.text)).count == 6)
            for id in ids { #expect(try await ScheduledPostQueries(database: first.app.db).find(id)?.state == .sent) }
        }
    }
}
