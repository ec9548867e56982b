import FluentKit
import FluentSQL
import Foundation

/// Tags on cases: lower-case words (`billing`, `outage-2026-11`), at most 40 characters.
public struct TagQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Adds tags (already normalized); returns those that were new.
    @discardableResult
    public func add(_ newTags: [String], to conversationID: UUID) async throws -> [String] {
        let existing = Set(try await tags(of: conversationID))
        let new = Array(Set(newTags).subtracting(existing)).sorted()
        guard !new.isEmpty else { return [] }
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        var insert = sql.insert(into: "conversation_tags").columns("conversation_id", "tag")
        for tag in new { insert = insert.values(v.uuid(conversationID), SQLBind(tag)) }
        try await insert.ignoringConflicts(with: ["conversation_id", "tag"]).run()
        return new
    }

    public func remove(_ tag: String, from conversationID: UUID) async throws {
        let sql = try database.requireSQL()
        try await sql.delete(from: "conversation_tags")
            .where("conversation_id", .equal, SQLValues(sql).uuid(conversationID)).where("tag", .equal, SQLBind(tag)).run()
    }

    public func tags(of conversationID: UUID) async throws -> [String] {
        let sql = try database.requireSQL()
        return try await sql.select().column("tag").from("conversation_tags")
            .where("conversation_id", .equal, SQLValues(sql).uuid(conversationID)).orderBy("tag").all()
            .map { try $0.decode(column: "tag", as: String.self) }
    }

    /// The cases with a tag.
    public func conversations(tagged tag: String) async throws -> [UUID] {
        try await database.requireSQL().select().column("conversation_id").from("conversation_tags")
            .where("tag", .equal, SQLBind(tag)).all().map { try $0.decode(column: "conversation_id", as: UUID.self) }
    }

    /// Tags of many cases at once (for the queue).
    public func tags(of conversationIDs: [UUID]) async throws -> [UUID: [String]] {
        guard !conversationIDs.isEmpty else { return [:] }
        let sql = try database.requireSQL()
        var result: [UUID: [String]] = [:]
        for row in try await sql.select().columns("conversation_id", "tag").from("conversation_tags")
            .where(SQLIdentifier("conversation_id"), .in, SQLValues(sql).uuids(conversationIDs)).orderBy("tag").all()
        {
            result[try row.decode(column: "conversation_id", as: UUID.self), default: []].append(try row.decode(column: "tag", as: String.self))
        }
        return result
    }
}
