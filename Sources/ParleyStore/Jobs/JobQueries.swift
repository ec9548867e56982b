import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// The jobs table: enqueue once per idempotency key, lease due jobs to one worker at a time
/// (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent workers take different rows without
/// waiting; SQLite has one writer), and settle them. A lease that runs out (its worker died) makes
/// the job due again.
public struct JobQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Adds a job; false when one with its idempotency key exists already (the job is not added twice).
    @discardableResult
    public func enqueue(_ job: Job) async throws -> Bool {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        let inserted = try await sql.insert(into: "jobs")
            .columns("id", "kind", "payload", "due_at", "state", "attempts", "max_attempts", "idempotency_key", "created_at")
            .values(
                v.uuid(job.id), SQLBind(job.kind.rawValue), SQLBind(job.payload), SQLBind(job.dueAt), SQLBind(job.state.rawValue),
                SQLBind(job.attempts), SQLBind(job.maxAttempts), v.optional(job.idempotencyKey), SQLBind(job.createdAt))
            .ignoringConflicts(with: ["idempotency_key"])
            .returning("id")
            .all()
        return !inserted.isEmpty
    }

    /// Leases up to `limit` due jobs (queued and due, or running with a lapsed lease), the oldest
    /// due first, to `owner` until `until`, counting an attempt on each.
    public func lease(owner: String, now: Date, until: Date, limit: Int = 10, kinds: [JobKind] = JobKind.allCases) async throws -> [Job] {
        let sql = try database.requireSQL()
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        let kindList = SQLGroupExpression(kinds.map { SQLBind($0.rawValue) })
        let rows = try await sql.raw("""
            UPDATE jobs SET state = \(bind: JobState.running.rawValue), lease_owner = \(bind: owner), lease_until = \(bind: until),
                attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM jobs
                WHERE kind IN \(kindList) AND ((state = \(bind: JobState.queued.rawValue) AND due_at <= \(bind: now))
                    OR (state = \(bind: JobState.running.rawValue) AND lease_until < \(bind: now)))
                ORDER BY due_at, id LIMIT \(literal: limit) \(lock))
            RETURNING id, kind, payload, due_at, state, attempts, max_attempts, idempotency_key, last_error, created_at
            """).all()
        return try rows.map(Self.job).sorted { ($0.dueAt, $0.id.uuidString) < ($1.dueAt, $1.id.uuidString) }
    }

    /// The job succeeded. Only its lease holder may say so; false when the lease was lost.
    @discardableResult
    public func complete(_ id: UUID, owner: String, at now: Date) async throws -> Bool {
        let sql = try database.requireSQL()
        return try await !sql.update("jobs")
            .set("state", to: SQLBind(JobState.done.rawValue))
            .set("finished_at", to: SQLBind(now))
            .set("lease_owner", to: SQLLiteral.null)
            .set("lease_until", to: SQLLiteral.null)
            .where("id", .equal, SQLValues(sql).uuid(id))
            .where("lease_owner", .equal, SQLBind(owner))
            .where("state", .equal, SQLBind(JobState.running.rawValue))
            .returning("id").all().isEmpty
    }

    /// The attempt failed: the job is queued again at `retryAt`, or failed for good (`state`).
    @discardableResult
    public func fail(_ id: UUID, owner: String, error: String, state: JobState, retryAt: Date, at now: Date) async throws -> Bool {
        let sql = try database.requireSQL()
        return try await !sql.update("jobs")
            .set("state", to: SQLBind(state.rawValue))
            .set("due_at", to: SQLBind(retryAt))
            .set("last_error", to: SQLBind(String(error.prefix(500))))
            .set("finished_at", to: state == .failed ? SQLBind(now) : SQLLiteral.null)
            .set("lease_owner", to: SQLLiteral.null)
            .set("lease_until", to: SQLLiteral.null)
            .where("id", .equal, SQLValues(sql).uuid(id))
            .where("lease_owner", .equal, SQLBind(owner))
            .where("state", .equal, SQLBind(JobState.running.rawValue))
            .returning("id").all().isEmpty
    }

    /// Jobs of a kind, newest first (for operators and tests).
    public func all(kind: JobKind, limit: Int = 100) async throws -> [Job] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT id, kind, payload, due_at, state, attempts, max_attempts, idempotency_key, last_error, created_at
            FROM jobs WHERE kind = \(bind: kind.rawValue) ORDER BY created_at DESC, id LIMIT \(literal: limit)
            """).all().map(Self.job)
    }

    /// How many jobs are in each state.
    public func counts() async throws -> [JobState: Int] {
        let rows = try await database.requireSQL().raw("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all()
        var result: [JobState: Int] = [:]
        for row in rows {
            guard let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            result[state] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    static func job(_ row: any SQLRow) throws -> Job {
        let kind = try row.decode(column: "kind", as: String.self)
        let state = try row.decode(column: "state", as: String.self)
        guard let jobKind = JobKind(rawValue: kind) else { throw StoreError.corruptValue(table: "jobs", column: "kind", value: kind) }
        guard let jobState = JobState(rawValue: state) else { throw StoreError.corruptValue(table: "jobs", column: "state", value: state) }
        return Job(
            id: try row.decode(column: "id", as: UUID.self), kind: jobKind, payload: try row.decode(column: "payload", as: String.self),
            dueAt: try row.decode(column: "due_at", as: Date.self), state: jobState,
            attempts: try row.decode(column: "attempts", as: Int.self), maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
            idempotencyKey: try row.decode(column: "idempotency_key", as: String?.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }
}
