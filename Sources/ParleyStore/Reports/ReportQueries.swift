import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// What the reports read: cases opened in a period (by their first message's own time), with the
/// times of their messages, leaving out cases resolved as trolls or spam (tagged `troll`, `spam`).
public struct ReportQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public static let excludedTags = ["troll", "spam"]

    public func timelines(from: Date, to: Date) async throws -> [CaseTimeline] {
        let sql = try database.requireSQL()
        let rows = try await sql.raw("""
            SELECT c.id, c.resolved_at, m.created_at, m.kind FROM conversations c
            JOIN messages m ON m.conversation_id = c.id
            WHERE c.opened_at >= \(bind: from) AND c.opened_at < \(bind: to)
              AND NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id
                              AND t.tag IN \(SQLGroupExpression(Self.excludedTags.map { SQLBind($0) })))
            ORDER BY c.id
            """).all()
        var timelines: [UUID: CaseTimeline] = [:]
        var order: [UUID] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let kind = MessageKind(rawValue: try row.decode(column: "kind", as: String.self))
            let at = try row.decode(column: "created_at", as: Date.self)
            if timelines[id] == nil {
                order.append(id)
                timelines[id] = CaseTimeline(conversationID: id, messages: [], resolvedAt: try row.decode(column: "resolved_at", as: Date?.self))
            }
            timelines[id]?.messages.append((at, kind?.isOwn ?? false))
        }
        return order.compactMap { timelines[$0] }
    }
}
