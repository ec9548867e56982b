import FluentKit
import FluentSQL
import Foundation
import ParleyCore

public struct AuditQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func record(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        var insert = sql.insert(into: "audit_events").columns("id", "conversation_id", "actor_id", "action", "detail", "created_at")
        for e in events {
            insert = insert.values(v.uuid(e.id), v.uuid(e.conversationID), v.uuid(e.actorID), SQLBind(e.action.rawValue),
                                   SQLBind(String(e.detail.prefix(1000))), SQLBind(e.createdAt))
        }
        try await insert.run()
    }

    /// A case's trail, oldest first.
    public func trail(_ conversationID: UUID) async throws -> [AuditEvent] {
        let sql = try database.requireSQL()
        return try await sql.select().columns("id", "conversation_id", "actor_id", "action", "detail", "created_at")
            .from("audit_events").where("conversation_id", .equal, SQLValues(sql).uuid(conversationID))
            .orderBy("created_at").orderBy("id").all().map { row in
                AuditEvent(
                    id: try row.decode(column: "id", as: UUID.self),
                    conversationID: try row.decode(column: "conversation_id", as: UUID.self),
                    actorID: try row.decode(column: "actor_id", as: UUID?.self),
                    action: try Self.action(row.decode(column: "action", as: String.self)),
                    detail: try row.decode(column: "detail", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
    }

    private static func action(_ raw: String) throws -> AuditAction {
        guard let action = AuditAction(rawValue: raw) else {
            throw StoreError.corruptValue(table: "audit_events", column: "action", value: String(raw.prefix(80)))
        }
        return action
    }
}
