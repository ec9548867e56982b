import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Authors a handle blocked on the desk, and the open cases they start.
public struct TrollQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func block(_ xUserID: String, handleID: UUID, by user: UUID?, at: Date) async throws {
        try await database.requireSQL().insert(into: "blocked_authors").columns("handle_id", "x_user_id", "blocked_by", "blocked_at")
            .values(SQLBind(handleID), SQLBind(xUserID), SQLBind(user), SQLBind(at))
            .ignoringConflicts(with: ["handle_id", "x_user_id"]).run()
    }

    /// Open cases of blocked authors, not yet resolved as trolls.
    public func openCasesOfBlockedAuthors(limit: Int = 50) async throws -> [UUID] {
        try await database.requireSQL().raw("""
            SELECT c.id FROM conversations c JOIN customers u ON u.id = c.customer_id
            JOIN blocked_authors b ON b.handle_id = c.handle_id AND b.x_user_id = u.x_user_id
            WHERE c.state <> 'resolved' LIMIT \(literal: limit)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}
