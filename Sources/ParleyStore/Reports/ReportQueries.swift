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

    /// The tags a case is left out of every report for: the same as the surveys skip.
    public static let excludedTags = CSATRules.excludedTags.sorted()

    static let excludedList = "(" + excludedTags.map { "'\($0)'" }.joined(separator: ", ") + ")"

    var notExcluded: SQLQueryString {
        "NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag IN \(unsafeRaw: Self.excludedList))"
    }

    public func timelines(from: Date, to: Date) async throws -> [CaseTimeline] {
        try await cases(from: from, to: to, policies: []).map(\.timeline)
    }

    /// The cases opened in [from, to) with what each report groups them by, each measured
    /// against the policy `StoredSLAPolicy.choose` gives its handle and priority.
    public func cases(from: Date, to: Date, policies: [StoredSLAPolicy]) async throws -> [ReportCase] {
        try await load("c.opened_at >= \(bind: from) AND c.opened_at < \(bind: to)", from: from, to: to, policies: policies, entries: false)
            .map(\.report)
    }

    /// What the volume report counts over [from, to): the cases opened in it, the messages
    /// written in it (each with what its case is filed under; the case's intent is its first
    /// customer message's), cases opened earlier included, and every case open at some time in
    /// it (opened before its end, not resolved before its start) for the backlog.
    public func activity(from: Date, to: Date, policies: [StoredSLAPolicy]) async throws -> ReportActivity {
        // A case's messages lie between its opening and its last message: the cases opened in
        // the period, and those opened before it whose last message came in or after it. Naming
        // every state lets the queue's index (state, last_message_at, id, opened_at) find the
        // latter without reading each row; SQLite, left to itself, reads every case opened
        // before `from` instead.
        let states = ConversationState.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let loaded = try await load("c.opened_at >= \(bind: from) AND c.opened_at < \(bind: to)", from: from, to: to, policies: policies, entries: true)
            + load("c.state IN (\(unsafeRaw: states)) AND c.last_message_at >= \(bind: from) AND c.opened_at < \(bind: from)",
                   index: "conversations_queue", from: from, to: to, policies: policies, entries: true)
        var activity = ReportActivity(cases: [], messages: [], spans: try await openedBefore(from: from, to: to))
        for row in loaded {
            if row.openedAt >= from, row.openedAt < to {
                activity.cases.append(row.report)
                activity.spans.append((row.openedAt, row.resolved ? row.report.timeline.resolvedAt : nil))
            }
            for entry in row.timeline?.entries ?? [] where entry.at >= from && entry.at < to {
                activity.messages.append(VolumeMessage(
                    at: entry.at, fromBrand: entry.kind.isOwn, handleID: row.report.handleID, teamID: row.report.teamID,
                    assigneeID: row.report.assigneeID, channel: entry.kind.channel, intent: row.report.intent))
            }
        }
        return activity
    }

    /// One row per case matching `condition` (found on SQLite by `index`), its messages read from
    /// its packed timeline (kept whole with `entries`), so a report reads a row per case rather
    /// than per message. Each case gets its policy, and the
    /// policy's calendar laid out over the period and the weeks after it.
    private func load(
        _ condition: SQLQueryString, index: String = "conversations_opened", from: Date, to: Date, policies: [StoredSLAPolicy], entries: Bool
    ) async throws -> [(openedAt: Date, resolved: Bool, report: ReportCase, timeline: ConversationTimeline?)] {
        // Laid out for a report's period (at most 400 days), not for "all time".
        let span = from.addingTimeInterval(-2 * 86_400)...to.addingTimeInterval(45 * 86_400)
        let measured = policies.map { ReportPolicy($0.policy, span: to.timeIntervalSince(from) <= ReportScope.longest ? span : nil) }
        let indexed: SQLQueryString = try database.requireSQL().dialect.name == "sqlite" ? "INDEXED BY \(unsafeRaw: index)" : ""
        // Few cases are excluded: their ids are read once rather than looked up for each row.
        let excluded = try await excludedCases()
        return try await BulkRows.read(database, """
            SELECT c.id, c.handle_id, c.team_id, c.assignee_id, c.resolved_at, COALESCE(c.priority_override, c.priority), c.opened_at,
                   c.timeline, c.state
            FROM conversations c \(indexed)
            WHERE \(condition)
            """) { row in
            guard let id = row.uuid(0), let handleID = row.uuid(1), let openedAt = row.date(6) else {
                throw StoreError.invalid("a conversation row without its id, handle or opening")
            }
            guard !excluded.contains(id) else { return nil }
            let timeline = ConversationTimeline(packed: row.string(7) ?? "")
            let chosen = StoredSLAPolicy.choose(policies, handleID: handleID, priority: row.int(5) ?? 0)
            let first = timeline.firstCustomer
            let report = ReportCase(
                timeline: CaseTimeline(conversationID: id, messages: timeline.entries.map { ($0.at, $0.kind.isOwn) }, resolvedAt: row.date(4)),
                handleID: handleID, teamID: row.uuid(2), assigneeID: row.uuid(3), channel: first?.kind.channel ?? .public, intent: first?.intent,
                policy: chosen.flatMap { policy in policies.firstIndex { $0.id == policy.id } }.map { measured[$0] })
            return (openedAt, row.string(8) == ConversationState.resolved.rawValue, report, entries ? timeline : nil)
        }.compactMap { $0 }
    }

    /// The cases tagged as trolls or spam, which the reports leave out.
    func excludedCases() async throws -> Set<UUID> {
        Set(try await BulkRows.read(database, """
            SELECT DISTINCT t.conversation_id FROM conversation_tags t WHERE t.tag IN \(unsafeRaw: Self.excludedList)
            """) { row in row.uuid(0) }.compactMap { $0 })
    }

    /// Packs every case's timeline from its stored messages, as the migration that added
    /// timelines did: for stores filled by SQL rather than by the ingest planner (the benchmarks).
    public func fillTimelines() async throws {
        let sql = try database.requireSQL()
        try await sql.raw(AddConversationTimelines.backfill(postgres: sql.dialect.name == "postgresql")).run()
    }

    /// The cases opened before `from` and open at it, for the backlog, which is read only at
    /// instants in [from, to): each is given as opened at `from`; they are counted, and only
    /// their resolutions in the period are read, rather than a row for each.
    func openedBefore(from: Date, to: Date) async throws -> [(opened: Date, resolved: Date?)] {
        let sql = try database.requireSQL()
        var spans: [(opened: Date, resolved: Date?)] = []
        // Open at `from`: opened before it, less those resolved before it (a case is resolved
        // after it opened), less the excluded ones among the rest.
        func count(_ query: SQLQueryString) async throws -> Int {
            try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let openedBefore = try await count("SELECT COUNT(*) AS n FROM conversations c WHERE c.opened_at < \(bind: from)")
        let resolvedBefore = try await count("SELECT COUNT(*) AS n FROM conversations c WHERE c.state = 'resolved' AND c.resolved_at < \(bind: from)")
        let excluded = try await count("""
            SELECT COUNT(DISTINCT c.id) AS n FROM conversation_tags t JOIN conversations c ON c.id = t.conversation_id
            WHERE t.tag IN \(unsafeRaw: Self.excludedList) AND c.opened_at < \(bind: from)
              AND NOT (c.state = 'resolved' AND c.resolved_at < \(bind: from))
            """)
        let resolvedDuring = try await BulkRows.read(database, """
            SELECT c.resolved_at FROM conversations c
            WHERE c.state = 'resolved' AND c.resolved_at >= \(bind: from) AND c.resolved_at < \(bind: to) AND c.opened_at < \(bind: from) AND \(notExcluded)
            """) { row in
            guard let resolved = row.date(0) else { throw StoreError.invalid("a resolution without its time") }
            return resolved
        }
        let stillOpen = max(0, openedBefore - resolvedBefore - excluded - resolvedDuring.count)
        spans.append(contentsOf: repeatElement((opened: from, resolved: nil), count: stillOpen))
        spans.append(contentsOf: resolvedDuring.map { (opened: from, resolved: $0) })
        return spans
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
