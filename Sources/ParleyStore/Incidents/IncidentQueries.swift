import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Incidents, the cases linked to them, and their timelines.
public struct IncidentQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    static let columns = "id, title, severity, state, owner_id, alert_id, issue_id, holding_statement, created_by, created_at, resolved_at"

    public func create(_ incident: Incident) async throws {
        try await database.requireSQL().insert(into: "incidents")
            .columns("id", "title", "severity", "state", "owner_id", "alert_id", "issue_id", "holding_statement", "created_by", "created_at")
            .values(SQLBind(incident.id), SQLBind(incident.title), SQLBind(incident.severity.rawValue), SQLBind(incident.state.rawValue),
                    SQLBind(incident.ownerID), SQLBind(incident.alertID), SQLBind(incident.issueID), SQLBind(incident.holdingStatement),
                    SQLBind(incident.createdBy), SQLBind(incident.createdAt))
            .run()
    }

    public func update(_ incident: Incident) async throws {
        try await database.requireSQL().update("incidents")
            .set("title", to: SQLBind(incident.title)).set("severity", to: SQLBind(incident.severity.rawValue))
            .set("state", to: SQLBind(incident.state.rawValue)).set("owner_id", to: SQLBind(incident.ownerID))
            .set("holding_statement", to: SQLBind(incident.holdingStatement)).set("resolved_at", to: SQLBind(incident.resolvedAt))
            .where("id", .equal, SQLBind(incident.id)).run()
    }

    public func find(_ id: UUID) async throws -> Incident? {
        try await database.requireSQL().raw("SELECT \(unsafeRaw: Self.columns) FROM incidents WHERE id = \(bind: id)").first().map(Self.incident)
    }

    public func list(limit: Int = 100) async throws -> [Incident] {
        try await database.requireSQL().raw("SELECT \(unsafeRaw: Self.columns) FROM incidents ORDER BY created_at DESC LIMIT \(literal: limit)")
            .all().map(Self.incident)
    }

    /// Links the cases; returns those that were not linked yet.
    @discardableResult
    public func link(_ incident: UUID, conversations: [UUID], at: Date) async throws -> [UUID] {
        let sql = try database.requireSQL()
        var linked: [UUID] = []
        for chunk in chunks(conversations, size: 300) {
            var insert = sql.insert(into: "incident_cases").columns("incident_id", "conversation_id", "linked_at")
            for id in chunk { insert = insert.values(SQLBind(incident), SQLBind(id), SQLBind(at)) }
            linked += try await insert.ignoringConflicts(with: ["incident_id", "conversation_id"]).returning("conversation_id").all()
                .map { try $0.decode(column: "conversation_id", as: UUID.self) }
        }
        return linked
    }

    public struct LinkedCase: Sendable, Equatable {
        public var conversationID: UUID
        public var linkedAt: Date
        public var statementSentAt: Date?
    }

    public func cases(_ incident: UUID) async throws -> [LinkedCase] {
        try await database.requireSQL().raw("""
            SELECT conversation_id, linked_at, statement_sent_at FROM incident_cases WHERE incident_id = \(bind: incident) ORDER BY linked_at
            """).all().map {
            LinkedCase(
                conversationID: try $0.decode(column: "conversation_id", as: UUID.self), linkedAt: try $0.decode(column: "linked_at", as: Date.self),
                statementSentAt: try $0.decode(column: "statement_sent_at", as: Date?.self))
        }
    }

    /// Marks the statement sent to a case, once; false when it already was.
    public func markStatementSent(_ incident: UUID, conversation: UUID, at: Date) async throws -> Bool {
        !(try await database.requireSQL().update("incident_cases").set("statement_sent_at", to: SQLBind(at))
            .where("incident_id", .equal, SQLBind(incident)).where("conversation_id", .equal, SQLBind(conversation))
            .where("statement_sent_at", .is, SQLLiteral.null).returning("conversation_id").all().isEmpty)
    }

    public func record(_ event: IncidentEvent) async throws {
        try await database.requireSQL().insert(into: "incident_events").columns("id", "incident_id", "at", "actor_id", "text")
            .values(SQLBind(event.id), SQLBind(event.incidentID), SQLBind(event.at), SQLBind(event.actorID), SQLBind(event.text)).run()
    }

    public func timeline(_ incident: UUID) async throws -> [IncidentEvent] {
        try await database.requireSQL().raw("""
            SELECT id, incident_id, at, actor_id, text FROM incident_events WHERE incident_id = \(bind: incident) ORDER BY at, id
            """).all().map {
            IncidentEvent(
                id: try $0.decode(column: "id", as: UUID.self), incidentID: try $0.decode(column: "incident_id", as: UUID.self),
                at: try $0.decode(column: "at", as: Date.self), actorID: try $0.decode(column: "actor_id", as: UUID?.self),
                text: try $0.decode(column: "text", as: String.self))
        }
    }

    static func incident(_ row: any SQLRow) throws -> Incident {
        let severity = try row.decode(column: "severity", as: String.self)
        let state = try row.decode(column: "state", as: String.self)
        guard let s = Incident.Severity(rawValue: severity) else { throw StoreError.corruptValue(table: "incidents", column: "severity", value: severity) }
        guard let st = Incident.State(rawValue: state) else { throw StoreError.corruptValue(table: "incidents", column: "state", value: state) }
        return Incident(
            id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self), severity: s, state: st,
            ownerID: try row.decode(column: "owner_id", as: UUID?.self), alertID: try row.decode(column: "alert_id", as: UUID?.self),
            issueID: try row.decode(column: "issue_id", as: UUID?.self), holdingStatement: try row.decode(column: "holding_statement", as: String?.self),
            createdBy: try row.decode(column: "created_by", as: UUID?.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            resolvedAt: try row.decode(column: "resolved_at", as: Date?.self))
    }
}
