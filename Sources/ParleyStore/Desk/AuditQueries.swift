import FluentKit
import FluentSQL
import Foundation

/// One thing someone (or the desk itself) did to a case: who assigned, replied, took over,
/// resolved, and when.
public struct AuditEvent: Sendable, Equatable, Codable {
    public var id: UUID
    public var conversationID: UUID
    /// Nil for the desk's own actions (auto-assignment, requeue, a snooze waking).
    public var actorID: UUID?
    public var action: String
    public var detail: String
    public var createdAt: Date

    public init(id: UUID, conversationID: UUID, actorID: UUID?, action: String, detail: String, createdAt: Date) {
        self.id = id
        self.conversationID = conversationID
        self.actorID = actorID
        self.action = action
        self.detail = detail
        self.createdAt = createdAt
    }
}

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
            insert = insert.values(v.uuid(e.id), v.uuid(e.conversationID), v.uuid(e.actorID), SQLBind(e.action),
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
                    action: try row.decode(column: "action", as: String.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
    }
}
