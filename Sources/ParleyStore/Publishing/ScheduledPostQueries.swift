import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// The scheduled posts table. Every write after the first is conditional on the version read, so
/// a publisher or a person acting on an old read changes nothing and learns so.
public struct ScheduledPostQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Filter: Sendable, Equatable {
        public var handleIDs: [UUID]?
        public var states: [ScheduledPostState]?
        public var from: Date?
        public var to: Date?
        public var limit: Int

        public init(handleIDs: [UUID]? = nil, states: [ScheduledPostState]? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 500) {
            self.handleIDs = handleIDs
            self.states = states
            self.from = from
            self.to = to
            self.limit = limit
        }
    }

    public func create(_ post: ScheduledPost) async throws {
        let record = ScheduledPostRecord()
        record.id = post.id
        try Self.fill(record, from: post)
        try await record.create(on: database)
    }

    public func find(_ id: UUID) async throws -> ScheduledPost? {
        try await ScheduledPostRecord.find(id, on: database).map(Self.domain)
    }

    /// Posts in due order, oldest first.
    public func list(_ filter: Filter) async throws -> [ScheduledPost] {
        var query = ScheduledPostRecord.query(on: database)
        if let handles = filter.handleIDs { query = query.filter(\.$handleID ~~ handles) }
        if let states = filter.states { query = query.filter(\.$state ~~ states.map(\.rawValue)) }
        if let from = filter.from { query = query.filter(\.$dueAt >= from) }
        if let to = filter.to { query = query.filter(\.$dueAt < to) }
        return try await query.sort(\.$dueAt).sort(\.$id).limit(filter.limit).all().map(Self.domain)
    }

    /// Saves `post`, which was read at `post.version - 1`. Throws a conflict when someone changed it since.
    public func update(_ post: ScheduledPost) async throws {
        let sql = try database.requireSQL()
        let record = ScheduledPostRecord()
        try Self.fill(record, from: post)
        let changed = try await sql.update(ScheduledPostRecord.schema)
            .set("text", to: SQLBind(record.text)).set("parts", to: SQLBind(record.parts))
            .set("due_at", to: SQLBind(record.dueAt)).set("time_zone", to: SQLBind(record.timeZone))
            .set("state", to: SQLBind(record.state)).set("approved_by", to: SQLBind(record.approvedBy))
            .set("rejection_note", to: SQLBind(record.rejectionNote)).set("hold", to: SQLBind(record.hold))
            .set("release_at", to: SQLBind(record.releaseAt))
            .set("error", to: SQLBind(record.error)).set("sent_x_ids", to: SQLBind(record.sentXIDs))
            .set("version", to: SQLBind(post.version)).set("updated_at", to: SQLBind(post.updatedAt))
            .set("sent_at", to: SQLBind(post.sentAt))
            .where("id", .equal, SQLBind(post.id)).where("version", .equal, SQLBind(post.version - 1))
            .returning("id").all()
        guard !changed.isEmpty else {
            throw StoreError.conflict("Scheduled post \(post.id) was changed by someone else; reload it.")
        }
    }

    public func delete(_ id: UUID, version: Int) async throws {
        let sql = try database.requireSQL()
        let gone = try await sql.delete(from: ScheduledPostRecord.schema)
            .where("id", .equal, SQLBind(id)).where("version", .equal, SQLBind(version)).returning("id").all()
        guard !gone.isEmpty else { throw StoreError.conflict("Scheduled post \(id) was changed by someone else; reload it.") }
    }

    /// Posts the publisher should look at: scheduled and due, or held by a limit whose window has
    /// opened. On PostgreSQL the rows are locked, skipping rows another publisher holds.
    public func due(now: Date, limit: Int = 20) async throws -> [ScheduledPost] {
        let sql = try database.requireSQL()
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let ids = try await sql.raw("""
            SELECT id FROM scheduled_posts
            WHERE (state = 'scheduled' AND due_at <= \(bind: now)) OR (state = 'held' AND release_at <= \(bind: now))
            ORDER BY due_at, id LIMIT \(literal: limit)\(lock)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await ScheduledPostRecord.query(on: database).filter(\.$id ~~ ids).sort(\.$dueAt).sort(\.$id).all()
            .map(Self.domain)
    }

    /// Another post of the handle, not failed, with the same text: X refuses duplicates.
    /// Every post of these handles in one of `states` (crisis mode holds and reviews them).
    public func inStates(_ states: [ScheduledPostState], handleIDs: [UUID]? = nil) async throws -> [ScheduledPost] {
        var query = ScheduledPostRecord.query(on: database).filter(\.$state ~~ states.map(\.rawValue))
        if let handleIDs { query = query.filter(\.$handleID ~~ handleIDs) }
        return try await query.sort(\.$dueAt).all().map(Self.domain)
    }

    public func duplicate(of text: String, handleID: UUID, except id: UUID?) async throws -> UUID? {
        let normalized = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let same = try await ScheduledPostRecord.query(on: database)
            .filter(\.$handleID == handleID).filter(\.$state != ScheduledPostState.failed.rawValue)
            .filter(\.$text == normalized).all()
        return try same.map { try $0.requireID() }.first { $0 != id }
    }

    static func fill(_ record: ScheduledPostRecord, from post: ScheduledPost) throws {
        let encoder = JSONEncoder()
        record.handleID = post.handleID
        record.text = post.text
        record.parts = String(decoding: try encoder.encode(post.parts), as: UTF8.self)
        record.dueAt = post.dueAt
        record.timeZone = post.timeZone
        record.state = post.state.rawValue
        record.authorID = post.authorID
        record.approvedBy = post.approvedBy
        record.rejectionNote = post.rejectionNote
        record.hold = try post.hold.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        if case .postingLimit(let exceeded) = post.hold, post.state == .held { record.releaseAt = exceeded.until } else { record.releaseAt = nil }
        record.error = post.error
        record.sentXIDs = String(decoding: try encoder.encode(post.sentXIDs), as: UTF8.self)
        record.version = post.version
        record.createdAt = post.createdAt
        record.updatedAt = post.updatedAt
        record.sentAt = post.sentAt
    }

    static func domain(_ record: ScheduledPostRecord) throws -> ScheduledPost {
        guard let state = ScheduledPostState(rawValue: record.state) else {
            throw StoreError.corruptValue(table: ScheduledPostRecord.schema, column: "state", value: record.state)
        }
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
            do { return try decoder.decode(type, from: Data(text.utf8)) } catch {
                throw StoreError.corruptValue(table: ScheduledPostRecord.schema, column: column, value: String(text.prefix(80)))
            }
        }
        return ScheduledPost(
            id: try record.requireID(), handleID: record.handleID, text: record.text,
            parts: try decode([String].self, record.parts, column: "parts"), dueAt: record.dueAt, timeZone: record.timeZone,
            state: state, authorID: record.authorID, approvedBy: record.approvedBy, rejectionNote: record.rejectionNote,
            hold: try record.hold.map { try decode(HoldReason.self, $0, column: "hold") }, error: record.error,
            sentXIDs: try decode([String].self, record.sentXIDs, column: "sent_x_ids"), version: record.version,
            createdAt: record.createdAt, updatedAt: record.updatedAt, sentAt: record.sentAt)
    }
}
