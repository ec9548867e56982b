import Foundation
import ParleyCore
import Testing

@Suite struct JobRetryTests {
    @Test(arguments: [(1, 10.0), (2, 20.0), (3, 40.0), (9, 2560.0), (10, 3600.0), (40, 3600.0)])
    func backOffDoublesFromTenSecondsUpToAnHour(attempt: Int, seconds: Double) {
        #expect(JobRetry.delay(afterAttempt: attempt, jitter: 0.5) == seconds)
        #expect(JobRetry.delay(afterAttempt: attempt, jitter: 0) == seconds * 0.75)
        #expect(JobRetry.delay(afterAttempt: attempt, jitter: 0.999_999) < seconds * 1.25)
    }

    @Test func aJobOutOfAttemptsFailsForGood() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var job = Job(id: UUID(), kind: .slaAlert, payload: "{}", dueAt: now, attempts: 1, maxAttempts: 2, createdAt: now)
        #expect(JobRetry.next(after: job, now: now, jitter: 0.5) == (.queued, now.addingTimeInterval(10)))
        job.attempts = 2
        #expect(JobRetry.next(after: job, now: now, jitter: 0.5).state == .failed)
    }
}
