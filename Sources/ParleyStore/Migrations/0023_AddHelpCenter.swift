import FluentKit
import FluentSQL

/// The help center (issue 15): brands (groups of handles), categories and sections, articles with
/// their translations, stats and votes, and full-text search over them.
///
/// Search indexes an article's title, keywords and body text (the Markdown's words, stored in
/// `body_text` when the article is saved) with the same folding as the inbox (`0015_AddSearch`):
/// SQLite a contentless FTS5 table keyed by the article's rowid, kept by triggers; PostgreSQL a
/// weighted `tsvector` (title A, keywords B, body C) set by a trigger, with a GIN index. SQLite's
/// table also holds the brand as one token (`ArticleQueries.brandToken`), so a search intersects
/// with the brand's articles inside FTS5 and ranks only those: with 100,000 articles over 10
/// brands, a common word ranked 10 times fewer rows (`parley bench help`).
struct AddHelpCenter: AsyncMigration {
    var name: String { "0023_AddHelpCenter" }

    func prepare(on database: any Database) async throws {
        try await database.schema("brands")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()
        try await database.schema("handles").field("brand_id", .uuid).update()
        try await database.schema("help_categories")
            .id()
            .field("brand_id", .uuid, .required)
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("parent_id", .uuid)
            .field("position", .int, .required)
            .unique(on: "brand_id", "slug")
            .create()
        try await database.schema("articles")
            .id()
            .field("brand_id", .uuid, .required)
            .field("category_id", .uuid)
            .field("slug", .string, .required)
            .field("locale", .string, .required)
            .field("translation_of", .uuid)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("body_html", .string, .required)
            .field("body_text", .string, .required)
            .field("keywords", .string, .required)
            .field("status", .string, .required)
            .field("author_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("published_at", .datetime)
            .field("version", .int, .required)
            .field("views", .int, .required)
            .field("helpful", .int, .required)
            .field("not_helpful", .int, .required)
            .unique(on: "brand_id", "locale", "slug")
            .create()
        let sql = try database.requireSQL()
        try await sql.create(index: "articles_brand_status").on("articles").column("brand_id").column("status").column("updated_at").run()
        // Partial: with most articles originals, ANALYZE saw one huge NULL group in a full index and
        // SQLite scanned the table instead (`parley bench help`).
        try await sql.raw("CREATE INDEX articles_translation ON articles (translation_of) WHERE translation_of IS NOT NULL").run()
        try await database.schema("article_votes")
            .field("article_id", .uuid, .required)
            .field("voter", .string, .required)
            .field("helpful", .bool, .required)
            .field("voted_at", .datetime, .required)
            .unique(on: "article_id", "voter")
            .create()
        let statements = sql.dialect.name == "postgresql" ? Self.postgres : Self.sqlite
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        let statements = sql.dialect.name == "postgresql"
            ? ["DROP TRIGGER articles_search ON articles", "DROP FUNCTION parley_articles_search()"]
            : ["DROP TRIGGER articles_search_delete", "DROP TRIGGER articles_search_update", "DROP TRIGGER articles_search_insert", "DROP TABLE article_search"]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        for table in ["article_votes", "articles", "help_categories", "brands"] { try await database.schema(table).delete() }
        try await database.schema("handles").deleteField("brand_id").update()
    }

    static let sqlite: [String] = [
        """
        CREATE VIRTUAL TABLE article_search USING fts5(
          brand, title, keywords, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')
        """,
        """
        CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
          INSERT INTO article_search(rowid, brand, title, keywords, body)
            VALUES (new.rowid, 'b' || replace(lower(new.brand_id), '-', ''), new.title, new.keywords, new.body_text);
        END
        """,
        """
        CREATE TRIGGER articles_search_update AFTER UPDATE OF title, keywords, body_text ON articles
        WHEN old.title IS NOT new.title OR old.keywords IS NOT new.keywords OR old.body_text IS NOT new.body_text BEGIN
          DELETE FROM article_search WHERE rowid = old.rowid;
          INSERT INTO article_search(rowid, brand, title, keywords, body)
            VALUES (new.rowid, 'b' || replace(lower(new.brand_id), '-', ''), new.title, new.keywords, new.body_text);
        END
        """,
        """
        CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
          DELETE FROM article_search WHERE rowid = old.rowid;
        END
        """,
    ]

    static let postgres: [String] = [
        "ALTER TABLE articles ADD COLUMN search_vector tsvector",
        "CREATE INDEX articles_search ON articles USING gin (search_vector)",
        """
        CREATE FUNCTION parley_articles_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.search_vector :=
            setweight(to_tsvector('simple'::regconfig, parley_search_fold(coalesce(NEW.title, ''))), 'A')
            || setweight(to_tsvector('simple'::regconfig, parley_search_fold(coalesce(NEW.keywords, ''))), 'B')
            || setweight(to_tsvector('simple'::regconfig, parley_search_fold(coalesce(NEW.body_text, ''))), 'C');
          RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF title, keywords, body_text ON articles
        FOR EACH ROW EXECUTE FUNCTION parley_articles_search()
        """,
    ]
}
