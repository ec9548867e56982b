import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Routing rules, and the new cases waiting to be routed.
public struct RoutingQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    private struct Definition: Codable {
        var conditions: RoutingConditions
        var actions: RoutingActions
    }

    /// Every rule in order. A stored rule that no longer decodes is skipped (and reported), never applied half.
    public func rules() async throws -> (rules: [StoredRoutingRule], unreadable: [UUID]) {
        var rules: [StoredRoutingRule] = []
        var unreadable: [UUID] = []
        for row in try await database.requireSQL().select().columns("id", "position", "name", "enabled", "definition")
            .from("routing_rules").orderBy("position").orderBy("created_at").all()
        {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let definition = try? JSONDecoder().decode(Definition.self, from: Data(try row.decode(column: "definition", as: String.self).utf8))
            else { unreadable.append(id); continue }
            rules.append(StoredRoutingRule(
                id: id, position: try row.decode(column: "position", as: Int.self),
                rule: RoutingRule(name: try row.decode(column: "name", as: String.self), enabled: try row.decode(column: "enabled", as: Bool.self),
                                  conditions: definition.conditions, actions: definition.actions)))
        }
        return (rules, unreadable)
    }

    public func save(_ rule: RoutingRule, id: UUID, position: Int, at date: Date) async throws {
        let sql = try database.requireSQL()
        let definition = String(decoding: try JSONEncoder().encode(Definition(conditions: rule.conditions, actions: rule.actions)), as: UTF8.self)
        try await sql.delete(from: "routing_rules").where("id", .equal, SQLValues(sql).uuid(id)).run()
        try await sql.insert(into: "routing_rules").columns("id", "position", "name", "enabled", "definition", "created_at")
            .values(SQLValues(sql).uuid(id), SQLBind(position), SQLBind(rule.name), SQLBind(rule.enabled), SQLBind(definition), SQLBind(date))
            .run()
    }

    public func delete(_ id: UUID) async throws -> Bool {
        let sql = try database.requireSQL()
        return !(try await sql.raw("DELETE FROM routing_rules WHERE id = \(SQLValues(sql).uuid(id)) RETURNING id").all()).isEmpty
    }

    /// Open cases no rule has looked at yet, oldest first, with what the rules need to know.
    public func unrouted(limit: Int) async throws -> [(id: UUID, subject: RoutingSubject)] {
        let rows = try await database.requireSQL().raw("""
            SELECT c.id, c.handle_id, c.has_dm, c.has_public, c.priority, cu.followers_count, cu.verified, cu.username,
                   m.text, m.triage, m.lang, m.kind
            FROM conversations c
            JOIN customers cu ON cu.id = c.customer_id
            LEFT JOIN messages m ON m.id = (
                SELECT m2.id FROM messages m2 WHERE m2.conversation_id = c.id AND m2.kind NOT IN \(unsafeRaw: OwnKinds.sqlList)
                ORDER BY m2.created_at DESC, m2.id DESC LIMIT 1)
            WHERE c.routed_at IS NULL AND c.state = 'open'
            ORDER BY c.opened_at, c.id LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            let triage = TriageColumns.decodeMessage(try row.decode(column: "triage", as: String?.self))
            let kind = try row.decode(column: "kind", as: String?.self)
            let dmOnly = try row.decode(column: "has_dm", as: Bool.self) && !(try row.decode(column: "has_public", as: Bool.self))
            let channel: ParleyCore.Channel = kind.flatMap(MessageKind.init(rawValue:))?.channel ?? (dmOnly ? .dm : .public)
            return (try row.decode(column: "id", as: UUID.self), RoutingSubject(
                handleID: try row.decode(column: "handle_id", as: UUID.self), channel: channel, intent: triage?.intent,
                upset: (triage?.upset ?? 0) > 0, priority: try row.decode(column: "priority", as: Int.self),
                language: try row.decode(column: "lang", as: String?.self), text: try row.decode(column: "text", as: String?.self) ?? "",
                followers: try row.decode(column: "followers_count", as: Int.self), verified: try row.decode(column: "verified", as: Bool.self),
                username: try row.decode(column: "username", as: String.self)))
        }
    }

    /// Marks a case as routed (whether a rule matched or not), with the needed skills and team.
    public func markRouted(_ id: UUID, team: UUID?, skills: [String], at date: Date) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.update("conversations").set("routed_at", to: SQLBind(date)).set("team_id", to: v.uuid(team))
            .set("needed_skills", to: SQLBind(skills.joined(separator: "\n")))
            .where("id", .equal, v.uuid(id)).run()
    }
}
