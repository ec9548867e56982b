import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Satisfaction surveys: one row per surveyed case, the answer kept on it.
public struct CSATQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    static let columns = "id, conversation_id, customer_id, handle_id, token, channel, sent_at, closes_at, rating, comment, answered_at"

    public func insert(_ survey: CSATSurvey, outboxID: UUID?) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.insert(into: "csat_surveys")
            .columns("id", "conversation_id", "customer_id", "handle_id", "token", "channel", "outbox_id", "sent_at", "closes_at", "rating", "comment", "answered_at")
            .values(v.uuid(survey.id), v.uuid(survey.conversationID), v.uuid(survey.customerID), v.uuid(survey.handleID), SQLBind(survey.token),
                    SQLBind(survey.channel.rawValue), v.uuid(outboxID), SQLBind(survey.sentAt), SQLBind(survey.closesAt),
                    v.optional(survey.rating), v.optional(survey.comment), v.optional(survey.answeredAt))
            .run()
    }

    public func byToken(_ token: String) async throws -> CSATSurvey? {
        try await database.requireSQL().raw("SELECT \(unsafeRaw: Self.columns) FROM csat_surveys WHERE token = \(bind: token)").first().map(Self.survey)
    }

    public func forConversation(_ id: UUID) async throws -> CSATSurvey? {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM csat_surveys WHERE conversation_id = \(SQLValues(sql).uuid(id))").first().map(Self.survey)
    }

    /// When the customer was last sent a survey, if ever.
    public func lastSent(toCustomer id: UUID) async throws -> Date? {
        let sql = try database.requireSQL()
        return try await sql.raw("SELECT MAX(sent_at) AS at FROM csat_surveys WHERE customer_id = \(SQLValues(sql).uuid(id))")
            .first()?.decode(column: "at", as: Date?.self)
    }

    public func answer(_ id: UUID, _ answer: CSATAnswer, at date: Date) async throws {
        let sql = try database.requireSQL()
        try await sql.update("csat_surveys").set("rating", to: SQLBind(answer.rating)).set("comment", to: SQLValues(sql).optional(answer.comment))
            .set("answered_at", to: SQLBind(date)).where("id", .equal, SQLValues(sql).uuid(id)).run()
    }

    /// Surveys sent in [from, to), each with what its case is filed under; trolls and spam out.
    public func responses(from: Date, to: Date) async throws -> [CSATResponse] {
        try await BulkRows.read(database, """
            SELECT s.sent_at, s.rating, s.channel, c.handle_id, c.team_id, c.assignee_id FROM csat_surveys s
            JOIN conversations c ON c.id = s.conversation_id
            WHERE s.sent_at >= \(bind: from) AND s.sent_at < \(bind: to)
              AND NOT EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag IN \(unsafeRaw: ReportQueries.excludedList))
            """) { row in
            guard let sentAt = row.date(0), let handleID = row.uuid(3) else { throw StoreError.invalid("a survey row without its time or handle") }
            return CSATResponse(
                sentAt: sentAt, rating: row.int(1), handleID: handleID, teamID: row.uuid(4), assigneeID: row.uuid(5),
                channel: row.string(2).flatMap(Channel.init(rawValue:)) ?? .dm)
        }
    }

    static func survey(_ row: any SQLRow) throws -> CSATSurvey {
        CSATSurvey(
            id: try row.decode(column: "id", as: UUID.self), conversationID: try row.decode(column: "conversation_id", as: UUID.self),
            customerID: try row.decode(column: "customer_id", as: UUID.self), handleID: try row.decode(column: "handle_id", as: UUID.self),
            token: try row.decode(column: "token", as: String.self),
            channel: Channel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .dm,
            sentAt: try row.decode(column: "sent_at", as: Date.self), closesAt: try row.decode(column: "closes_at", as: Date.self),
            rating: try row.decode(column: "rating", as: Int?.self), comment: try row.decode(column: "comment", as: String?.self),
            answeredAt: try row.decode(column: "answered_at", as: Date?.self))
    }
}
