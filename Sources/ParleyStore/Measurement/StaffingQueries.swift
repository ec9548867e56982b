import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// What the staffing plan reads: the desk's arrivals (cases opened, by their first message's own
/// time, trolls and spam out) and the agents' actions that measure handle time.
public struct StaffingQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// When each case of the handle (all handles: nil) opened in [from, to), in seconds since 1970.
    public func arrivals(handleID: UUID?, from: Date, to: Date) async throws -> [Int64] {
        let sql = try database.requireSQL()
        let handle: SQLQueryString = handleID.map { "AND c.handle_id = \(SQLValues(sql).uuid($0))" } ?? ""
        return try await sql.raw("""
            SELECT c.opened_at FROM conversations c
            WHERE c.opened_at >= \(bind: from) AND c.opened_at < \(bind: to) \(handle)
              AND NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag IN ('troll', 'spam'))
            """).all().map { Int64(try $0.decode(column: "opened_at", as: Date.self).timeIntervalSince1970.rounded(.down)) }
    }

    /// Agents' actions on cases since `since` (replies marked), oldest first.
    public func agentActions(since: Date) async throws -> [(conversation: UUID, actor: UUID, replied: Bool, at: Date)] {
        try await database.requireSQL().raw("""
            SELECT conversation_id, actor_id, action, created_at FROM audit_events
            WHERE actor_id IS NOT NULL AND created_at >= \(bind: since) ORDER BY created_at
            """).all().map { row in
            (try row.decode(column: "conversation_id", as: UUID.self), try row.decode(column: "actor_id", as: UUID.self),
             try row.decode(column: "action", as: String.self) == AuditAction.replied.rawValue, try row.decode(column: "created_at", as: Date.self))
        }
    }
}
