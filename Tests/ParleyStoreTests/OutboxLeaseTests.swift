import Foundation
import ParleyCore
import Testing
@testable import ParleyStore

@Suite struct OutboxLeaseTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func item(_ n: Int) -> OutboxItem {
        OutboxItem(
            id: UUID(), conversationID: UUID(), handleID: UUID(), channel: .public, text: "reply \(n)", inReplyToXID: "1",
            recipientXUserID: nil, state: .queued, attempts: 0, xID: nil, error: nil, createdBy: nil,
            createdAt: t0.addingTimeInterval(Double(n)), sentAt: nil)
    }

    @Test func leasesOldestFirstAndNeverTwiceWhileTheLeaseRuns() async throws {
        try await withStore { db in
            let outbox = OutboxQueries(database: db)
            let (first, second) = (item(1), item(2))
            try await outbox.enqueue(second)
            try await outbox.enqueue(first)
            let a = try await outbox.lease(owner: "a", now: t0, until: t0.addingTimeInterval(30))
            let b = try await outbox.lease(owner: "b", now: t0, until: t0.addingTimeInterval(30))
            #expect(a?.id == first.id)
            #expect(b?.id == second.id)
            let whileLeased = try await outbox.lease(owner: "c", now: t0.addingTimeInterval(10), until: t0.addingTimeInterval(40))
            #expect(whileLeased == nil)
        }
    }

    @Test func anExpiredLeaseIsTakenOverAndReportedAsSending() async throws {
        try await withStore { db in
            let outbox = OutboxQueries(database: db)
            let queued = item(1)
            try await outbox.enqueue(queued)
            _ = try await outbox.lease(owner: "dead", now: t0, until: t0.addingTimeInterval(30))
            let taken = try #require(try await outbox.lease(owner: "alive", now: t0.addingTimeInterval(31), until: t0.addingTimeInterval(61)))
            #expect(taken.state == .sending)
            #expect(taken.attempts == 1)
            // The dead sender may not settle what it no longer holds.
            await #expect(throws: StoreError.self) { try await outbox.markSent(queued.id, owner: "dead", xID: "9", at: t0) }
            try await outbox.markSent(queued.id, owner: "alive", xID: "9", at: t0.addingTimeInterval(32))
            let sent = try #require(try await outbox.find(queued.id))
            #expect(sent.state == .sent && sent.xID == "9" && sent.attempts == 2)
            let afterSent = try await outbox.lease(owner: "x", now: t0.addingTimeInterval(1000), until: t0.addingTimeInterval(1030))
            #expect(afterSent == nil)
        }
    }

    @Test func concurrentSendersNeverShareAnItem() async throws {
        try await withStore { db in
            let outbox = OutboxQueries(database: db)
            for n in 0..<40 { try await outbox.enqueue(item(n)) }
            let t0 = self.t0
            let leased = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for owner in 0..<4 {
                    group.addTask {
                        var mine: [UUID] = []
                        while let got = try await outbox.lease(owner: "s\(owner)", now: t0, until: t0.addingTimeInterval(60)) {
                            mine.append(got.id)
                        }
                        return mine
                    }
                }
                var all: [UUID] = []
                for try await ids in group { all += ids }
                return all
            }
            #expect(leased.count == 40)
            #expect(Set(leased).count == 40)
        }
    }
}
