import Foundation
import ParleyCore
import Testing
@testable import ParleyStore

extension Array where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

@Suite struct JobQueriesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func job(_ n: Int, key: String? = nil, maxAttempts: Int = 3) -> Job {
        Job(
            id: UUID(), kind: .slaAlert, payload: #"{"n":\#(n)}"#, dueAt: t0.addingTimeInterval(Double(n)), maxAttempts: maxAttempts,
            idempotencyKey: key, createdAt: t0)
    }

    @Test func aJobWithTheSameIdempotencyKeyIsEnqueuedOnce() async throws {
        try await withStore { db in
            let jobs = JobQueries(database: db)
            let (first, again, other, another) = (job(1, key: "breach:a"), job(2, key: "breach:a"), job(3), job(4))
            let added = try await [first, again, other, another].asyncMap { try await jobs.enqueue($0) }
            #expect(added == [true, false, true, true], "jobs without a key never collide")
            #expect(try await jobs.counts() == [.queued: 3])
        }
    }

    @Test func leasesDueJobsOldestFirstOnceWhileTheLeaseRunsAndAgainWhenItLapses() async throws {
        try await withStore { db in
            let jobs = JobQueries(database: db)
            let (first, second, later) = (job(1), job(2), job(100))
            for j in [later, second, first] { try await jobs.enqueue(j) }
            let a = try await jobs.lease(owner: "a", now: t0.addingTimeInterval(10), until: t0.addingTimeInterval(40), limit: 1)
            let b = try await jobs.lease(owner: "b", now: t0.addingTimeInterval(10), until: t0.addingTimeInterval(40), limit: 5)
            #expect(a.map(\.id) == [first.id])
            #expect(b.map(\.id) == [second.id], "not yet due, or already leased")
            #expect(a.first?.attempts == 1)
            #expect(try await jobs.lease(owner: "c", now: t0.addingTimeInterval(20), until: t0.addingTimeInterval(50)).isEmpty)
            // A's worker died: its lease lapses and C takes the job; A may no longer settle it.
            let c = try await jobs.lease(owner: "c", now: t0.addingTimeInterval(41), until: t0.addingTimeInterval(71), limit: 1)
            #expect(c.map(\.id) == [first.id])
            #expect(c.first?.attempts == 2)
            let settledByA = try await jobs.complete(first.id, owner: "a", at: t0.addingTimeInterval(42))
            let settledByC = try await jobs.complete(first.id, owner: "c", at: t0.addingTimeInterval(42))
            #expect(!settledByA && settledByC)
            let d = try await jobs.lease(owner: "d", now: t0.addingTimeInterval(99), until: t0.addingTimeInterval(200))
            #expect(d.map(\.id) == [second.id])
        }
    }

    @Test func aFailedAttemptIsRetriedAfterItsBackOffThenFailsForGood() async throws {
        try await withStore { db in
            let jobs = JobQueries(database: db)
            var current = job(0, maxAttempts: 2)
            try await jobs.enqueue(current)
            var now = t0
            for attempt in 1...2 {
                current = try #require(try await jobs.lease(owner: "w", now: now, until: now.addingTimeInterval(30)).first)
                #expect(current.attempts == attempt)
                let next = JobRetry.next(after: current, now: now, jitter: 0.5)
                try await jobs.fail(current.id, owner: "w", error: "receiver answered 500", state: next.state, retryAt: next.dueAt, at: now)
                #expect(try await jobs.lease(owner: "w", now: now.addingTimeInterval(1), until: now.addingTimeInterval(30)).isEmpty)
                now = next.dueAt
            }
            #expect(try await jobs.counts() == [.failed: 1])
            #expect(try await jobs.all(kind: .slaAlert).first?.lastError == "receiver answered 500")
            #expect(try await jobs.lease(owner: "w", now: now.addingTimeInterval(86_400), until: now.addingTimeInterval(86_430)).isEmpty)
        }
    }
}
