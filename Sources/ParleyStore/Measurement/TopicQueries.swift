import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// The customer messages the topics page groups: written in [from, to), trolls and spam out,
/// the latest `limit` of them.
public struct TopicQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public static let limit = 20_000

    public func customerMessages(handleID: UUID?, from: Date, to: Date, limit: Int = TopicQueries.limit) async throws -> [TopicMessage] {
        let sql = try database.requireSQL()
        let handle: SQLQueryString = handleID.map { "AND m.handle_id = \(SQLValues(sql).uuid($0))" } ?? ""
        return try await sql.raw("""
            SELECT m.conversation_id, m.handle_id, m.text, m.created_at FROM messages m
            WHERE m.created_at >= \(bind: from) AND m.created_at < \(bind: to) \(handle)
              AND m.conversation_id IS NOT NULL AND m.handle_id IS NOT NULL AND m.kind NOT IN \(unsafeRaw: OwnKinds.sqlList)
              AND NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = m.conversation_id AND t.tag IN ('troll', 'spam'))
            ORDER BY m.created_at DESC LIMIT \(literal: limit)
            """).all().map { row in
            TopicMessage(
                conversationID: try row.decode(column: "conversation_id", as: UUID.self), handleID: try row.decode(column: "handle_id", as: UUID.self),
                text: try row.decode(column: "text", as: String.self), at: try row.decode(column: "created_at", as: Date.self))
        }
    }
}
