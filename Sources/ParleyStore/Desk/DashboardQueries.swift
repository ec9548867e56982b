import FluentKit
import FluentSQL
import Foundation

/// The supervisor's live figures, straight from the store so every process shows the same.
public struct DashboardFigures: Sendable, Equatable {
    public struct Backlog: Sendable, Equatable {
        public var teamID: UUID?
        public var state: String
        public var count: Int
        /// The longest a customer in this backlog has waited for an answer.
        public var oldestWaitingSince: Date?
    }

    public var backlog: [Backlog]
    /// Cases first answered today (UTC day of `now`), and how many of those breached an SLA first.
    public var answeredToday: Int
    public var breachedToday: Int

    /// Share of today's first answers that met their SLA (nil: nothing answered yet today).
    public var attainmentToday: Double? {
        answeredToday == 0 ? nil : Double(answeredToday - breachedToday) / Double(answeredToday)
    }
}

public struct DashboardQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func figures(dayStart: Date) async throws -> DashboardFigures {
        let sql = try database.requireSQL()
        let backlog = try await sql.raw("""
            SELECT team_id, state, COUNT(*) AS n, MIN(awaiting_reply_since) AS oldest FROM conversations
            WHERE state <> 'resolved' GROUP BY team_id, state ORDER BY state
            """).all().map {
            DashboardFigures.Backlog(
                teamID: try $0.decode(column: "team_id", as: UUID?.self), state: try $0.decode(column: "state", as: String.self),
                count: try $0.decode(column: "n", as: Int.self), oldestWaitingSince: try $0.decode(column: "oldest", as: Date?.self))
        }
        let answered = try await sql.raw("""
            SELECT c.id,
              (SELECT COUNT(*) FROM audit_events a WHERE a.conversation_id = c.id AND a.action = 'sla_breached') AS breaches
            FROM conversations c
            WHERE (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.kind IN \(unsafeRaw: OwnKinds.sqlList))
                  >= \(bind: dayStart)
              AND NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = 'troll')
            """).all()
        let breached = try answered.filter { try $0.decode(column: "breaches", as: Int.self) > 0 }.count
        return DashboardFigures(backlog: backlog, answeredToday: answered.count, breachedToday: breached)
    }
}
