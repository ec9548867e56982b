import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore

/// Runs due jobs from the jobs table, in whichever process leases them first: each kind's
/// handler does the work, a thrown error queues the job again after a back-off (or fails it for
/// good after its last attempt), and a job whose worker died is leased again when its lease lapses.
public struct JobRunner: Sendable {
    public typealias Handler = @Sendable (Job) async throws -> Void

    let jobs: JobQueries
    let effects: Effects
    let owner: String
    let leaseSeconds: Double
    let handlers: [JobKind: Handler]
    let logger = Logger(label: "parley.jobs")

    public init(database: any Database, effects: Effects, owner: String, leaseSeconds: Double = 60, handlers: [JobKind: Handler]) {
        self.jobs = JobQueries(database: database)
        self.effects = effects
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.handlers = handlers
    }

    /// Leases and runs one batch; returns how many jobs ran.
    @discardableResult
    public func runOnce(limit: Int = 10) async throws -> Int {
        let now = effects.now()
        let leased = try await jobs.lease(
            owner: owner, now: now, until: now.addingTimeInterval(leaseSeconds), limit: limit, kinds: Array(handlers.keys))
        for job in leased {
            guard let handler = handlers[job.kind] else { continue }
            do {
                try await handler(job)
                try await jobs.complete(job.id, owner: owner, at: effects.now())
            } catch {
                let next = JobRetry.next(after: job, now: effects.now(), jitter: effects.random())
                try await jobs.fail(job.id, owner: owner, error: "\(error)", state: next.state, retryAt: next.dueAt, at: effects.now())
                let metadata: Logger.Metadata = [
                    "job": "\(job.id)", "kind": "\(job.kind.rawValue)", "attempt": "\(job.attempts)", "error": "\(error)",
                ]
                if next.state == .failed {
                    logger.error("job failed for good", metadata: metadata)
                } else {
                    logger.warning("job failed; will retry", metadata: metadata)
                }
            }
        }
        return leased.count
    }
}
