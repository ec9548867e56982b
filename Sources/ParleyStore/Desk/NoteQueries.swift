import FluentKit
import FluentSQL
import Foundation
import ParleyCore

public struct NoteQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func add(id: UUID, conversationID: UUID, authorID: UUID, body: String, at date: Date) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.insert(into: "notes").columns("id", "conversation_id", "author_id", "body", "created_at")
            .values(v.uuid(id), v.uuid(conversationID), v.uuid(authorID), SQLBind(body), SQLBind(date)).run()
    }

    /// A case's notes with their authors' names, oldest first.
    public func notes(_ conversationID: UUID) async throws -> [InternalNote] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT n.id, n.conversation_id, n.author_id, COALESCE(u.name, '') AS author_name, n.body, n.created_at
            FROM notes n LEFT JOIN users u ON u.id = n.author_id
            WHERE n.conversation_id = \(SQLValues(sql).uuid(conversationID)) ORDER BY n.created_at, n.id
            """).all().map { row in
            InternalNote(
                id: try row.decode(column: "id", as: UUID.self),
                conversationID: try row.decode(column: "conversation_id", as: UUID.self),
                authorID: try row.decode(column: "author_id", as: UUID.self),
                authorName: try row.decode(column: "author_name", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }
}
