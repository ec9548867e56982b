import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Help-center articles: writes (with their rendered HTML and text), reads, stats and votes,
/// and full-text search on both engines (`0023_AddHelpCenter`). Words reach the engines only as
/// bound values of letters and digits (`SearchTerms`), as in the inbox's search.
public struct ArticleQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    static let columns = """
        id, brand_id, category_id, slug, locale, translation_of, title, body, keywords, status, author_id,
        created_at, updated_at, published_at, version, views, helpful, not_helpful
        """
    static let summaryColumns = "id, brand_id, category_id, slug, locale, translation_of, title, status, updated_at, published_at, views, helpful, not_helpful"

    public func create(_ article: Article) async throws {
        try await database.requireSQL().insert(into: "articles")
            .columns("id", "brand_id", "category_id", "slug", "locale", "translation_of", "title", "body", "body_html", "body_text",
                     "keywords", "status", "author_id", "created_at", "updated_at", "published_at", "version", "views", "helpful", "not_helpful")
            .values(SQLBind(article.id), SQLBind(article.brandID), SQLBind(article.categoryID), SQLBind(article.slug),
                    SQLBind(article.locale), SQLBind(article.translationOf), SQLBind(article.title), SQLBind(article.body),
                    SQLBind(article.html), SQLBind(article.plainText), SQLBind(article.keywords.joined(separator: "\n")),
                    SQLBind(article.status.rawValue), SQLBind(article.authorID), SQLBind(article.createdAt), SQLBind(article.updatedAt),
                    SQLBind(article.publishedAt), SQLBind(article.version), SQLBind(0), SQLBind(0), SQLBind(0))
            .run()
    }

    /// Writes `article` over version `article.version - 1`; false when another write came first.
    public func update(_ article: Article) async throws -> Bool {
        let rows = try await database.requireSQL().update("articles")
            .set("category_id", to: SQLBind(article.categoryID)).set("slug", to: SQLBind(article.slug))
            .set("locale", to: SQLBind(article.locale)).set("title", to: SQLBind(article.title))
            .set("body", to: SQLBind(article.body)).set("body_html", to: SQLBind(article.html))
            .set("body_text", to: SQLBind(article.plainText)).set("keywords", to: SQLBind(article.keywords.joined(separator: "\n")))
            .set("status", to: SQLBind(article.status.rawValue)).set("updated_at", to: SQLBind(article.updatedAt))
            .set("published_at", to: SQLBind(article.publishedAt)).set("version", to: SQLBind(article.version))
            .where("id", .equal, SQLBind(article.id)).where("version", .equal, SQLBind(article.version - 1))
            .returning("id").all()
        return !rows.isEmpty
    }

    public func find(_ id: UUID) async throws -> Article? {
        try await database.requireSQL().raw("SELECT \(unsafeRaw: Self.columns) FROM articles WHERE id = \(bind: id)").first().map(Self.article)
    }

    /// The page a public URL names.
    public func page(brandID: UUID, locale: String, slug: String) async throws -> ArticlePage? {
        let sql = try database.requireSQL()
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: Self.summaryColumns), body_html, body_text FROM articles
            WHERE brand_id = \(SQLValues(sql).uuid(brandID)) AND locale = \(bind: locale) AND slug = \(bind: slug)
            """).first()
        else { return nil }
        return ArticlePage(
            summary: try Self.summary(row), html: try row.decode(column: "body_html", as: String.self),
            text: try row.decode(column: "body_text", as: String.self))
    }

    /// Whether a slug is taken in the brand and language, by another article than `except`.
    public func slugTaken(_ slug: String, brandID: UUID, locale: String, except: UUID?) async throws -> Bool {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        var query: SQLQueryString = "SELECT id FROM articles WHERE brand_id = \(v.uuid(brandID)) AND locale = \(bind: locale) AND slug = \(bind: slug)"
        if let except { query += " AND id <> \(v.uuid(except))" }
        return try await sql.raw(query).first() != nil
    }

    public struct Filter: Sendable, Equatable {
        public var brandID: UUID?
        public var statuses: [PublicationStatus]
        public var categoryID: UUID?
        public var locale: String?
        public var limit: Int

        public init(brandID: UUID? = nil, statuses: [PublicationStatus] = PublicationStatus.allCases, categoryID: UUID? = nil, locale: String? = nil, limit: Int = 200) {
            self.brandID = brandID
            self.statuses = statuses
            self.categoryID = categoryID
            self.locale = locale
            self.limit = limit
        }
    }

    /// Articles most recently updated first.
    public func list(_ filter: Filter) async throws -> [ArticleSummary] {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.summaryColumns) FROM articles WHERE status IN \(Self.statuses(filter.statuses))"
        if let brandID = filter.brandID { query += " AND brand_id = \(v.uuid(brandID))" }
        if let categoryID = filter.categoryID { query += " AND category_id = \(v.uuid(categoryID))" }
        if let locale = filter.locale { query += " AND locale = \(bind: locale)" }
        query += " ORDER BY updated_at DESC, id LIMIT \(literal: max(1, min(filter.limit, 10_000)))"
        return try await sql.raw(query).all().map(Self.summary)
    }

    /// The original and its translations that are published, by language.
    public func translations(of article: ArticleSummary) async throws -> [ArticleSummary] {
        let sql = try database.requireSQL()
        let original = SQLValues(sql).uuid(article.translationOf ?? article.id)
        // Two index lookups: SQLite scanned the table for the same condition joined with OR.
        return try await sql.raw("""
            SELECT \(unsafeRaw: Self.summaryColumns) FROM articles WHERE id = \(original) AND status = 'published'
            UNION ALL
            SELECT \(unsafeRaw: Self.summaryColumns) FROM articles WHERE translation_of = \(original) AND status = 'published'
            ORDER BY locale
            """).all().map(Self.summary)
    }

    /// Adds readings counted since the last call, in one transaction.
    public func addViews(_ counts: [UUID: Int]) async throws {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let v = SQLValues(sql)
            for (id, count) in counts {
                try await sql.raw("UPDATE articles SET views = views + \(bind: count) WHERE id = \(v.uuid(id))").run()
            }
        }
    }

    /// One vote per visitor and article: a second vote replaces the first. Returns the counts.
    public func vote(_ id: UUID, voter: String, helpful: Bool, at: Date) async throws -> ArticleStats {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.raw("""
            INSERT INTO article_votes (article_id, voter, helpful, voted_at) VALUES (\(v.uuid(id)), \(bind: voter), \(bind: helpful), \(bind: at))
            ON CONFLICT (article_id, voter) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at
            """).run()
        try await sql.raw("""
            UPDATE articles SET
              helpful = (SELECT count(*) FROM article_votes WHERE article_id = \(v.uuid(id)) AND helpful = \(bind: true)),
              not_helpful = (SELECT count(*) FROM article_votes WHERE article_id = \(v.uuid(id)) AND helpful = \(bind: false))
            WHERE id = \(v.uuid(id))
            """).run()
        guard let row = try await sql.raw("SELECT views, helpful, not_helpful FROM articles WHERE id = \(v.uuid(id))").first() else {
            return ArticleStats()
        }
        return ArticleStats(
            views: try row.decode(column: "views", as: Int.self), helpful: try row.decode(column: "helpful", as: Int.self),
            notHelpful: try row.decode(column: "not_helpful", as: Int.self))
    }

    // MARK: search

    /// Published articles (or `statuses`) of a brand with every phrase, best first.
    /// Single common words ("how do I reset the password") are left out while other words remain:
    /// they name nothing, and each would rank most of the brand's articles.
    public func search(brandID: UUID, terms: SearchTerms, statuses: [PublicationStatus] = [.published], locale: String? = nil, limit: Int = 20) async throws -> [ArticleHit] {
        guard !terms.isEmpty else { return [] }
        let telling = terms.phrases.filter { $0.count > 1 || !ArticleSuggestionWords.stopWords.contains(SearchTerms.fold($0[0]).lowercased()) }
        return try await match(
            brandID: brandID, phrases: telling.isEmpty ? terms.phrases : telling, any: false, statuses: statuses, locale: locale, limit: limit,
            terms: terms, common: telling.isEmpty)
    }

    /// Published articles of a brand sharing the most (and rarest) of `words` with what a customer
    /// wrote: the desk's suggestions. Any word may match; ranking weighs title over keywords over body.
    public func suggest(brandID: UUID, words: [String], limit: Int = 3) async throws -> [ArticleHit] {
        guard !words.isEmpty else { return [] }
        let terms = SearchTerms(parsing: words.joined(separator: " "))
        return try await match(brandID: brandID, phrases: words.map { [$0] }, any: true, statuses: [.published], locale: nil, limit: limit, terms: terms)
    }

    private func match(
        brandID: UUID, phrases: [[String]], any: Bool, statuses: [PublicationStatus], locale: String?, limit: Int, terms: SearchTerms,
        common: Bool = false
    ) async throws -> [ArticleHit] {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        var query: SQLQueryString
        if sql.dialect.name == "postgresql" {
            var tsquery: SQLQueryString = ""
            for (index, phrase) in phrases.enumerated() {
                tsquery += "\(unsafeRaw: index == 0 ? "" : (any ? " || " : " && "))phraseto_tsquery('simple'::regconfig, parley_search_fold(\(bind: phrase.joined(separator: " "))))"
            }
            query = """
                SELECT \(unsafeRaw: Self.summaryColumns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                  a.body_text, -(ts_rank(a.search_vector, q.q)::float8) AS rank
                FROM articles a CROSS JOIN (SELECT \(tsquery) AS q) q
                WHERE a.search_vector @@ q.q
                """
        } else {
            let words = phrases.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: any ? " OR " : " AND ")
            let match = "brand : \(Self.brandToken(brandID)) AND (\(words))"
            // Only common words left ("help"): the newest `commonWordWindow` matches are ranked,
            // as the inbox ranks its newest (each is most of the brand's articles).
            let window: SQLQueryString = common ? " ORDER BY rowid DESC LIMIT \(literal: Self.commonWordWindow)" : ""
            query = """
                SELECT \(unsafeRaw: Self.summaryColumns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                  a.body_text, s.rank
                FROM (SELECT rowid, bm25(article_search, \(unsafeRaw: Self.weights)) AS rank FROM article_search
                      WHERE article_search MATCH \(bind: match)\(window)) s
                JOIN articles a ON a.rowid = s.rowid WHERE 1 = 1
                """
        }
        query += " AND a.brand_id = \(v.uuid(brandID)) AND a.status IN \(Self.statuses(statuses))"
        if let locale { query += " AND a.locale = \(bind: locale)" }
        query += " ORDER BY rank, a.updated_at DESC, a.id LIMIT \(literal: max(1, min(limit, 100)))"
        return try await sql.raw(query).all().map { row in
            ArticleHit(
                article: try Self.summary(row), rank: try row.decode(column: "rank", as: Double.self),
                snippetHTML: ArticleSnippet.html(try row.decode(column: "body_text", as: String.self), terms: terms))
        }
    }

    static let commonWordWindow = 2_000

    /// The brand as one FTS5 token, as the triggers write it: "b" and the id's hex digits.
    static func brandToken(_ id: UUID) -> String {
        "b" + id.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// bm25 weights of the FTS5 columns brand (none), title, keywords, body: chosen by 5-fold cross-validation on the
    /// IBM dev split (`Scripts/make-demo-help.py --evaluate`; title 20, body 5, keywords 2).
    static let weights = "0.0, 20.0, 2.0, 5.0"

    // MARK: rows

    static func statuses(_ statuses: [PublicationStatus]) -> SQLQueryString {
        let list = (statuses.isEmpty ? PublicationStatus.allCases : statuses).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "(\(unsafeRaw: list))"
    }

    static func article(_ row: any SQLRow) throws -> Article {
        let keywords = try row.decode(column: "keywords", as: String.self)
        return Article(
            id: try row.decode(column: "id", as: UUID.self), brandID: try row.decode(column: "brand_id", as: UUID.self),
            categoryID: try row.decode(column: "category_id", as: UUID?.self), slug: try row.decode(column: "slug", as: String.self),
            locale: try row.decode(column: "locale", as: String.self), translationOf: try row.decode(column: "translation_of", as: UUID?.self),
            title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
            keywords: keywords.isEmpty ? [] : keywords.components(separatedBy: "\n"),
            status: PublicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            authorID: try row.decode(column: "author_id", as: UUID?.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), publishedAt: try row.decode(column: "published_at", as: Date?.self),
            version: try row.decode(column: "version", as: Int.self))
    }

    static func summary(_ row: any SQLRow) throws -> ArticleSummary {
        ArticleSummary(
            id: try row.decode(column: "id", as: UUID.self), brandID: try row.decode(column: "brand_id", as: UUID.self),
            categoryID: try row.decode(column: "category_id", as: UUID?.self), slug: try row.decode(column: "slug", as: String.self),
            locale: try row.decode(column: "locale", as: String.self), translationOf: try row.decode(column: "translation_of", as: UUID?.self),
            title: try row.decode(column: "title", as: String.self),
            status: PublicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            updatedAt: try row.decode(column: "updated_at", as: Date.self), publishedAt: try row.decode(column: "published_at", as: Date?.self),
            stats: ArticleStats(
                views: try row.decode(column: "views", as: Int.self), helpful: try row.decode(column: "helpful", as: Int.self),
                notHelpful: try row.decode(column: "not_helpful", as: Int.self)))
    }
}

/// An article without its body: lists, search hits, sitemaps.
public struct ArticleSummary: Sendable, Equatable {
    public var id: UUID
    public var brandID: UUID
    public var categoryID: UUID?
    public var slug: String
    public var locale: String
    public var translationOf: UUID?
    public var title: String
    public var status: PublicationStatus
    public var updatedAt: Date
    public var publishedAt: Date?
    public var stats: ArticleStats
}

/// What a public article page shows: the summary and the HTML rendered when it was saved.
public struct ArticlePage: Sendable, Equatable {
    public var summary: ArticleSummary
    public var html: String
    public var text: String
}

/// A search or suggestion result; `rank` lower is better on both engines.
public struct ArticleHit: Sendable, Equatable {
    public var article: ArticleSummary
    public var rank: Double
    public var snippetHTML: String
}
