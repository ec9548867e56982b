import FluentKit
import FluentPostgresDriver
import FluentSQL
import Foundation
import Logging
import NIOPosix

/// Singleton work across `parley serve` processes: whatever runs under a name runs in one process
/// at a time, and another process takes it over when the holder dies.
///
/// On PostgreSQL a leader holds a session advisory lock on a connection of its own (never the
/// pool's: the lock belongs to the session), checked by a heartbeat. When the process dies, the
/// server ends its session and frees the lock; a follower trying every `retry` takes it then. On
/// SQLite (one machine) a leader holds a row in `leader_leases` that it renews every `heartbeat`;
/// a lease not renewed for `leaseTime` may be taken.
public struct Leadership: Sendable {
    enum Engine: Sendable {
        case postgres(PostgresConnection.Configuration)
        case sqlite(any Database)
    }

    let engine: Engine
    /// Who this process is, in leases and logs.
    public let holder: String
    let retry: Duration
    let heartbeat: Duration
    let leaseTime: TimeInterval
    let clock: @Sendable () -> Date
    let logger = Logger(label: "parley.leadership")

    /// Defaults: a follower tries every 3 s and a leader checks in every 4 s, so a dead leader's
    /// work restarts elsewhere within about 5 s on PostgreSQL and 12 s (the lease) on SQLite.
    public static func postgres(
        url: String, holder: String, retry: Duration = .seconds(3), heartbeat: Duration = .seconds(4)
    ) throws -> Leadership {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        return Leadership(
            engine: .postgres(configuration), holder: holder, retry: retry, heartbeat: heartbeat, leaseTime: 12, clock: { Date() })
    }

    public static func sqlite(
        database: any Database, holder: String, retry: Duration = .seconds(3), heartbeat: Duration = .seconds(4),
        leaseTime: TimeInterval = 12, clock: @escaping @Sendable () -> Date
    ) -> Leadership {
        Leadership(engine: .sqlite(database), holder: holder, retry: retry, heartbeat: heartbeat, leaseTime: leaseTime, clock: clock)
    }

    /// Runs `work` whenever this process holds `name`, until cancelled: waits to lead, runs it,
    /// and cancels it the moment leadership is lost (then waits to lead again). Returns when
    /// cancelled, or when `work` returns while leading.
    public func lead(_ name: String, _ work: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            do {
                let held = try await acquire(name)
                logger.info("leading", metadata: ["lock": "\(name)", "holder": "\(holder)"])
                let finished: Bool
                do {
                    finished = try await withThrowingTaskGroup(of: Bool.self) { group in
                        group.addTask {
                            await work()
                            return true
                        }
                        group.addTask {
                            while true {
                                try await Task.sleep(for: heartbeat)
                                try await held.renew()
                            }
                        }
                        // The first to end (the work, or a failed heartbeat) ends the other.
                        defer { group.cancelAll() }
                        return try await group.next() ?? false
                    }
                } catch {
                    await held.release()
                    throw error
                }
                await held.release()
                if finished || Task.isCancelled { return }
            } catch {
                if Task.isCancelled { return }
                logger.warning("leadership lost; following", metadata: ["lock": "\(name)", "error": "\(error)"])
                try? await Task.sleep(for: retry)
            }
        }
    }

    /// Runs `body` while holding `name`, waiting for it as long as another process holds it: for
    /// work that must not overlap but need not stay in one process (migrations at start-up).
    /// SQLite serializes writers itself, and its lease table may not exist yet, so there it just runs.
    public func exclusively<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T) async throws -> T {
        guard case .postgres(let configuration) = engine else { return try await body() }
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 0, logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(Self.key(name)))", logger: logger)
            let result = try await body()
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A 64-bit advisory lock key for a name, the same in every process (FNV-1a; Swift's own
    /// hashing is seeded per process).
    static func key(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "parley.\(name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    struct NotHeld: Error, CustomStringConvertible {
        var name: String
        var description: String { "another process holds \(name)" }
    }

    /// Leadership while held: renew it (throws when lost), release it.
    struct Held: Sendable {
        let renew: @Sendable () async throws -> Void
        let release: @Sendable () async -> Void
    }

    /// Waits until this process leads `name`.
    func acquire(_ name: String) async throws -> Held {
        switch engine {
        case .postgres(let configuration):
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
            let key = Self.key(name)
            do {
                while true {
                    try Task.checkCancellation()
                    let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).collect()
                    if try rows.first?.decode(Bool.self) == true { break }
                    try await Task.sleep(for: retry)
                }
            } catch {
                try? await connection.close()
                throw error
            }
            let logger = self.logger
            return Held(
                renew: { try await connection.query("SELECT 1", logger: logger) },
                release: {
                    // Closing the session frees its advisory locks.
                    try? await connection.close()
                })
        case .sqlite(let database):
            let sql = try database.requireSQL()
            while try await !renewLease(sql, name) {
                try await Task.sleep(for: retry)
            }
            let holder = self.holder
            return Held(
                renew: {
                    guard try await renewLease(sql, name) else { throw NotHeld(name: name) }
                },
                release: {
                    try? await sql.raw("DELETE FROM leader_leases WHERE name = \(bind: name) AND holder = \(bind: holder)").run()
                })
        }
    }

    /// Takes or extends the lease when it is free, expired or already ours; true when ours.
    func renewLease(_ sql: any SQLDatabase, _ name: String) async throws -> Bool {
        let now = clock()
        try await sql.raw("""
            INSERT INTO leader_leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: now.addingTimeInterval(leaseTime)))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leader_leases.holder = excluded.holder OR leader_leases.expires_at < \(bind: now)
            """).run()
        let row = try await sql.raw("SELECT holder FROM leader_leases WHERE name = \(bind: name)").first()
        return try row?.decode(column: "holder", as: String.self) == holder
    }
}
