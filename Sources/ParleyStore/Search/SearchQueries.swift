import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Full-text search over messages and their authors, on SQLite (FTS5) and PostgreSQL (tsvector):
/// the indexes and triggers are in `0015_AddSearch`. The words reach either engine only as bound
/// values, made of letters and digits (`SearchTerms`), so no input is ever parsed as query syntax.
public struct SearchQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// How many matches, newest first, are ranked. Ranking reads every candidate's index entry
    /// and row: a word found in 250,000 of a million messages took over 400 ms to rank in full
    /// (`parley bench search`), so a search ranks the newest `window` matches that pass its
    /// filters, and more words or filters reach further back.
    public static let window = 10_000

    /// Hits best rank first, then newest, then by message id; `limit + 1` rows are read to know
    /// whether there is a next page. Messages not yet in a conversation are not searched.
    public func search(_ request: SearchRequest) async throws -> SearchPage {
        guard !request.terms.isEmpty, request.limit > 0 else { return SearchPage(items: [], nextCursor: nil) }
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        let postgres = sql.dialect.name == "postgresql"

        var hits: SQLQueryString
        if postgres {
            // One phraseto_tsquery per phrase, folded by the same function as the documents.
            var query: SQLQueryString = ""
            for (index, phrase) in request.terms.phrases.enumerated() {
                query += "\(unsafeRaw: index == 0 ? "" : " && ")phraseto_tsquery('simple'::regconfig, parley_search_fold(\(bind: phrase.joined(separator: " "))))"
            }
            hits = """
                SELECT m.id AS message_id, m.conversation_id, m.text, m.created_at, v.customer_id,
                  -(ts_rank(m.search_vector, query.q)::float8) AS rank
                FROM messages m
                CROSS JOIN (SELECT \(query) AS q) query
                JOIN conversations v ON v.id = m.conversation_id
                WHERE m.search_vector @@ query.q
                """
        } else {
            // Each phrase an FTS5 string; its words hold no `"`, so nothing else needs quoting.
            let match = request.terms.phrases.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: " ")
            hits = """
                SELECT m.id AS message_id, m.conversation_id, m.text, m.created_at, v.customer_id, s.rank AS rank
                FROM message_search s
                JOIN messages m ON m.rowid = s.rowid
                JOIN conversations v ON v.id = m.conversation_id
                WHERE message_search MATCH \(bind: match)
                """
        }
        if let state = request.state { hits += " AND v.state = \(bind: state.rawValue)" }
        if let handleID = request.handleID { hits += " AND v.handle_id = \(v.uuid(handleID))" }
        if let assigneeID = request.assigneeID { hits += " AND v.assignee_id = \(v.uuid(assigneeID))" }
        if let tag = request.tag {
            hits += " AND EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = v.id AND t.tag = \(bind: tag))"
        }
        if let intent = request.intent {
            // `messages.triage` is JSON written by `TriageColumns`.
            hits += postgres
                ? " AND (m.triage::jsonb ->> 'intent') = \(bind: intent.rawValue)"
                : " AND json_valid(m.triage) AND json_extract(m.triage, '$.intent') = \(bind: intent.rawValue)"
        }
        if let from = request.from { hits += " AND m.created_at >= \(bind: from)" }
        if let to = request.to { hits += " AND m.created_at < \(bind: to)" }

        // Newest first: SQLite walks the FTS5 doclists backwards by rowid (the order messages
        // arrived in) and stops at the window; PostgreSQL sorts the GIN matches by time.
        hits += postgres ? " ORDER BY m.created_at DESC" : " ORDER BY s.rowid DESC"
        hits += " LIMIT \(literal: Self.window)"
        var query: SQLQueryString = "SELECT * FROM (\(hits)) hits"
        if let c = request.cursor {
            query += """
                 WHERE (rank > \(bind: c.rank) OR (rank = \(bind: c.rank) AND (created_at < \(bind: c.createdAt)
                   OR (created_at = \(bind: c.createdAt) AND message_id < \(v.uuid(c.messageID))))))
                """
        }
        query += " ORDER BY rank, created_at DESC, message_id DESC LIMIT \(literal: request.limit + 1)"

        let rows = try await sql.raw(query).all()
        var found: [(conversationID: UUID, messageID: UUID, text: String, customerID: UUID, createdAt: Date, rank: Double)] = []
        for row in rows.prefix(request.limit) {
            found.append((
                try row.decode(column: "conversation_id", as: UUID.self), try row.decode(column: "message_id", as: UUID.self),
                try row.decode(column: "text", as: String.self), try row.decode(column: "customer_id", as: UUID.self),
                try row.decode(column: "created_at", as: Date.self), try row.decode(column: "rank", as: Double.self)))
        }
        let customers = try await self.customers(sql, ids: Array(Set(found.map(\.customerID))))
        let items = found.compactMap { hit -> SearchHit? in
            guard let customer = customers[hit.customerID] else { return nil }
            return SearchHit(
                conversationID: hit.conversationID, messageID: hit.messageID, text: hit.text, customer: customer,
                createdAt: hit.createdAt, rank: hit.rank, highlights: request.terms.highlights(in: hit.text))
        }
        let next = rows.count > request.limit ? found.last.map {
            SearchCursor(rank: $0.rank, createdAt: $0.createdAt, messageID: $0.messageID)
        } : nil
        return SearchPage(items: items, nextCursor: next)
    }

    private func customers(_ sql: any SQLDatabase, ids: [UUID]) async throws -> [UUID: Customer] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.select()
            .columns("id", "x_user_id", "username", "name", "followers_count", "verified", "profile_image_url", "bio")
            .from("customers")
            .where(SQLIdentifier("id"), .in, SQLValues(sql).uuids(ids))
            .all()
        var result: [UUID: Customer] = [:]
        for row in rows {
            let customer = Customer(
                id: try row.decode(column: "id", as: UUID.self), xUserID: try row.decode(column: "x_user_id", as: String.self),
                username: try row.decode(column: "username", as: String.self), name: try row.decode(column: "name", as: String.self),
                followersCount: try row.decode(column: "followers_count", as: Int.self),
                verified: try row.decode(column: "verified", as: Bool.self),
                profileImageURL: try row.decode(column: "profile_image_url", as: String?.self),
                bio: try row.decode(column: "bio", as: String?.self))
            result[customer.id] = customer
        }
        return result
    }
}
