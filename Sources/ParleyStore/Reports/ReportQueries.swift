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

    var notExcluded: SQLQueryString {
        "NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag IN \(unsafeRaw: "(" + Self.excludedTags.map { "'\($0)'" }.joined(separator: ", ") + ")"))"
    }

    public func timelines(from: Date, to: Date) async throws -> [CaseTimeline] {
        try await cases(from: from, to: to, policies: []).map(\.timeline)
    }

    /// The cases opened in [from, to) with what each report groups them by, each measured
    /// against the policy `StoredSLAPolicy.choose` gives its handle and priority.
    public func cases(from: Date, to: Date, policies: [StoredSLAPolicy]) async throws -> [ReportCase] {
        let sql = try database.requireSQL()
        let rows = try await sql.raw("""
            SELECT c.id, c.handle_id, c.team_id, c.assignee_id, c.resolved_at, COALESCE(c.priority_override, c.priority) AS priority,
                   m.created_at, m.kind, CASE WHEN m.kind IN \(unsafeRaw: OwnKinds.sqlList) THEN NULL ELSE m.triage END AS triage
            FROM conversations c
            JOIN messages m ON m.conversation_id = c.id
            WHERE c.opened_at >= \(bind: from) AND c.opened_at < \(bind: to) AND \(notExcluded)
            ORDER BY c.id, m.created_at, m.id
            """).all()
        var cases: [ReportCase] = []
        var current: UUID?
        var firstCustomer: Date?
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let kind = MessageKind(rawValue: try row.decode(column: "kind", as: String.self))
            let at = try row.decode(column: "created_at", as: Date.self)
            if id != current {
                current = id
                firstCustomer = nil
                let handleID = try row.decode(column: "handle_id", as: UUID.self)
                let priority = try row.decode(column: "priority", as: Int.self)
                cases.append(ReportCase(
                    timeline: CaseTimeline(conversationID: id, messages: [], resolvedAt: try row.decode(column: "resolved_at", as: Date?.self)),
                    handleID: handleID, teamID: try row.decode(column: "team_id", as: UUID?.self),
                    assigneeID: try row.decode(column: "assignee_id", as: UUID?.self),
                    policy: StoredSLAPolicy.choose(policies, handleID: handleID, priority: priority)?.policy))
            }
            let fromBrand = kind?.isOwn ?? false
            cases[cases.count - 1].timeline.messages.append((at, fromBrand))
            if !fromBrand, firstCustomer == nil {
                firstCustomer = at
                cases[cases.count - 1].channel = kind?.channel ?? .public
                cases[cases.count - 1].intent = TriageColumns.decodeMessage(try row.decode(column: "triage", as: String?.self))?.intent
            }
        }
        return cases
    }

    /// The messages written in [from, to), each with what its case is filed under (the case's
    /// intent is its first customer message's).
    public func messages(from: Date, to: Date) async throws -> [VolumeMessage] {
        let sql = try database.requireSQL()
        let rows = try await sql.raw("""
            SELECT m.created_at, m.kind, c.handle_id, c.team_id, c.assignee_id,
                   (SELECT f.triage FROM messages f WHERE f.conversation_id = c.id AND f.kind NOT IN \(unsafeRaw: OwnKinds.sqlList)
                    ORDER BY f.created_at, f.id LIMIT 1) AS triage
            FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            WHERE m.created_at >= \(bind: from) AND m.created_at < \(bind: to) AND \(notExcluded)
            """).all()
        return try rows.map { row in
            let kind = MessageKind(rawValue: try row.decode(column: "kind", as: String.self))
            return VolumeMessage(
                at: try row.decode(column: "created_at", as: Date.self), fromBrand: kind?.isOwn ?? false,
                handleID: try row.decode(column: "handle_id", as: UUID.self), teamID: try row.decode(column: "team_id", as: UUID?.self),
                assigneeID: try row.decode(column: "assignee_id", as: UUID?.self), channel: kind?.channel ?? .public,
                intent: TriageColumns.decodeMessage(try row.decode(column: "triage", as: String?.self))?.intent)
        }
    }

    /// Every case open at some time in [from, to): opened before its end, not resolved before its start.
    public func openSpans(from: Date, to: Date) async throws -> [(opened: Date, resolved: Date?)] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT c.opened_at, CASE WHEN c.state = 'resolved' THEN c.resolved_at END AS resolved_at FROM conversations c
            WHERE c.opened_at < \(bind: to) AND (c.state <> 'resolved' OR c.resolved_at IS NULL OR c.resolved_at >= \(bind: from))
              AND \(notExcluded)
            """).all().map { (try $0.decode(column: "opened_at", as: Date.self), try $0.decode(column: "resolved_at", as: Date?.self)) }
    }

    /// Replies agents sent from the desk in [from, to) (not scheduled posts), per agent.
    public func repliesSent(from: Date, to: Date) async throws -> [UUID: Int] {
        let sql = try database.requireSQL()
        var counts: [UUID: Int] = [:]
        for row in try await sql.raw("""
            SELECT created_by, COUNT(*) AS n FROM outbox
            WHERE state = 'sent' AND created_by IS NOT NULL AND scheduled_post_id IS NULL
              AND sent_at >= \(bind: from) AND sent_at < \(bind: to)
            GROUP BY created_by
            """).all() {
            counts[try row.decode(column: "created_by", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
