import Foundation

/// When a failed job runs again: exponential back-off from 10 s, doubling, capped at an hour,
/// spread by `jitter` (0..<1, supplied by the caller) so that many failures do not retry together.
public enum JobRetry {
    public static let defaultMaxAttempts = 8

    public static func delay(afterAttempt attempt: Int, jitter: Double) -> TimeInterval {
        let base = min(3600, 10 * pow(2, Double(max(0, attempt - 1))))
        return base * (0.75 + 0.5 * min(max(jitter, 0), 1))
    }

    /// What becomes of a job whose attempt failed: queued again at a later time, or failed for good.
    public static func next(after job: Job, now: Date, jitter: Double) -> (state: JobState, dueAt: Date) {
        guard job.attempts < job.maxAttempts else { return (.failed, job.dueAt) }
        return (.queued, now.addingTimeInterval(delay(afterAttempt: job.attempts, jitter: jitter)))
    }
}
