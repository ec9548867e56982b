import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Crisis mode's rows, and the lock that makes switching it and publishing a post one-at-a-time.
public struct CrisisQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The lock a crisis switch takes (exclusive) and a publisher takes (shared) inside their
    /// transactions, on PostgreSQL; SQLite's single write lock already orders them.
    public static let publishingLock: Int64 = 0x7061_726c_6579_0014

    public func lockForSwitch() async throws {
        let sql = try database.requireSQL()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.publishingLock))").run()
    }

    public func lockForPublishing() async throws {
        let sql = try database.requireSQL()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock_shared(\(bind: Self.publishingLock))").run()
    }

    public func active() async throws -> CrisisMode? {
        try await CrisisModeRecord.query(on: database).filter(\.$endedAt == nil).sort(\.$startedAt, .descending).first()
            .map(Self.domain)
    }

    public func history(limit: Int = 20) async throws -> [CrisisMode] {
        try await CrisisModeRecord.query(on: database).sort(\.$startedAt, .descending).limit(limit).all().map(Self.domain)
    }

    public func start(_ crisis: CrisisMode) async throws {
        let record = CrisisModeRecord()
        record.id = crisis.id
        record.reason = crisis.reason
        record.handleIDs = crisis.handleIDs.map(\.uuidString).joined(separator: "\n")
        record.startedBy = crisis.startedBy
        record.startedAt = crisis.startedAt
        record.incidentID = crisis.incidentID
        try await record.create(on: database)
    }

    public func end(_ id: UUID, by user: UUID?, at: Date) async throws {
        guard let record = try await CrisisModeRecord.find(id, on: database), record.endedAt == nil else {
            throw StoreError.conflict("Crisis mode was already switched off.")
        }
        record.endedBy = user
        record.endedAt = at
        try await record.save(on: database)
    }

    static func domain(_ record: CrisisModeRecord) throws -> CrisisMode {
        CrisisMode(
            id: try record.requireID(), reason: record.reason,
            handleIDs: record.handleIDs.split(separator: "\n").compactMap { UUID(uuidString: String($0)) },
            startedBy: record.startedBy, startedAt: record.startedAt, incidentID: record.incidentID,
            endedBy: record.endedBy, endedAt: record.endedAt)
    }
}
