import FluentKit
import FluentSQL
import Foundation
import ParleyCore

public struct DeskFieldsQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func fields(_ ids: [UUID]) async throws -> [UUID: DeskFields] {
        guard !ids.isEmpty else { return [:] }
        let sql = try database.requireSQL()
        var result: [UUID: DeskFields] = [:]
        for row in try await sql.raw("""
            SELECT c.id, c.assignee_id, u.name AS assignee_name, c.team_id, c.assigned_at, c.priority_override,
                   c.snoozed_until, c.previous_conversation_id, c.sla_status, c.first_response_due_at,
                   c.next_response_due_at, c.resolution_due_at
            FROM conversations c LEFT JOIN users u ON u.id = c.assignee_id
            WHERE c.id IN \(SQLValues(sql).uuids(ids))
            """).all()
        {
            result[try row.decode(column: "id", as: UUID.self)] = DeskFields(
                assigneeID: try row.decode(column: "assignee_id", as: UUID?.self),
                assigneeName: try row.decode(column: "assignee_name", as: String?.self),
                teamID: try row.decode(column: "team_id", as: UUID?.self),
                assignedAt: try row.decode(column: "assigned_at", as: Date?.self),
                priorityOverride: try row.decode(column: "priority_override", as: Int?.self),
                snoozedUntil: try row.decode(column: "snoozed_until", as: Date?.self),
                previousConversationID: try row.decode(column: "previous_conversation_id", as: UUID?.self),
                slaStatus: try row.decode(column: "sla_status", as: String.self),
                firstResponseDueAt: try row.decode(column: "first_response_due_at", as: Date?.self),
                nextResponseDueAt: try row.decode(column: "next_response_due_at", as: Date?.self),
                resolutionDueAt: try row.decode(column: "resolution_due_at", as: Date?.self))
        }
        return result
    }

    /// A manual priority (0–100) that wins over triage's; nil removes it. The case's effective
    /// priority follows in the same statement.
    public func setPriorityOverride(_ id: UUID, _ priority: Int?) async throws {
        try await PriorityWrites.changing(id, on: database) { sql in
            try await sql.update("conversations")
                .set("priority_override", to: priority.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
                .where("id", .equal, SQLValues(sql).uuid(id)).run()
        }
    }
}
