import Foundation
import Synchronization
import Testing
@testable import ParleyStore

/// Leadership on SQLite's lease rows: one holder at a time; a holder that stops renewing loses it.
@Suite struct LeadershipTests {
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test func oneProcessLeadsAtATimeAndAnotherTakesOverWhenItStops() async throws {
        try await withStore { db in
            let log = Log()
            func leadership(_ holder: String) -> Leadership {
                .sqlite(database: db, holder: holder, retry: .milliseconds(50), heartbeat: .milliseconds(50), leaseTime: 5, clock: { Date() })
            }
            let a = Task { await leadership("a").lead("desk") { log.add("a"); try? await Task.sleep(for: .seconds(60)) } }
            try await Task.sleep(for: .milliseconds(300))
            let b = Task { await leadership("b").lead("desk") { log.add("b"); try? await Task.sleep(for: .seconds(60)) } }
            try await Task.sleep(for: .milliseconds(400))
            #expect(log.all == ["a"], "b waits while a leads")
            // A stopping leader gives its lease back: b need not wait for it to lapse.
            a.cancel()
            await a.value
            try await Task.sleep(for: .milliseconds(1000))
            #expect(log.all == ["a", "b"], "b leads once a has stopped")
            b.cancel()
            await b.value
        }
    }

    @Test func aLeaseNotRenewedLapsesAndIsTaken() async throws {
        try await withStore { db in
            let sql = try db.requireSQL()
            let now = Date()
            let dead = Leadership.sqlite(database: db, holder: "dead", leaseTime: 12, clock: { now })
            let alive = Leadership.sqlite(database: db, holder: "alive", leaseTime: 12, clock: { now.addingTimeInterval(5) })
            let later = Leadership.sqlite(database: db, holder: "alive", leaseTime: 12, clock: { now.addingTimeInterval(13) })
            #expect(try await dead.renewLease(sql, "x.stream"))
            #expect(try await alive.renewLease(sql, "x.stream") == false, "the dead holder's lease still runs")
            #expect(try await later.renewLease(sql, "x.stream"), "its lease lapsed")
            #expect(try await dead.renewLease(sql, "x.stream") == false, "the old holder lost it")
        }
    }

    @Test func lockKeysAreStablePerName() {
        #expect(Leadership.key("desk") == Leadership.key("desk"))
        #expect(Leadership.key("desk") != Leadership.key("x.stream"))
    }
}
