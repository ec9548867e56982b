import Foundation

/// A help-center article: Markdown written by the team, rendered once when it is saved.
public struct Article: Sendable, Equatable, Codable {
    public var id: UUID
    public var brandID: UUID
    public var categoryID: UUID?
    public var slug: String
    /// A BCP 47 tag such as `en` or `pt-BR`.
    public var locale: String
    /// The article this one translates (nil for an original); translations share their original's slug.
    public var translationOf: UUID?
    public var title: String
    public var body: String
    /// Words customers use for it that the text may not (search and suggestions read them; pages don't show them).
    public var keywords: [String]
    public var status: PublicationStatus
    public var authorID: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    /// Raised by every write: an edit based on an older version is refused.
    public var version: Int

    public init(
        id: UUID, brandID: UUID, categoryID: UUID?, slug: String, locale: String, translationOf: UUID? = nil,
        title: String, body: String, keywords: [String] = [], status: PublicationStatus, authorID: UUID?,
        createdAt: Date, updatedAt: Date, publishedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.brandID = brandID
        self.categoryID = categoryID
        self.slug = slug
        self.locale = locale
        self.translationOf = translationOf
        self.title = title
        self.body = body
        self.keywords = keywords
        self.status = status
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
        self.version = version
    }

    /// The HTML of the body, escaped and link-checked (`MarkdownHTML`).
    public var html: String { MarkdownHTML().render(body) }
    /// The body's words, for search and snippets.
    public var plainText: String { MarkdownPlainText.text(of: body) }
}

/// What an article's reader sees of how it is doing.
public struct ArticleStats: Sendable, Equatable, Codable {
    public var views: Int
    public var helpful: Int
    public var notHelpful: Int

    public init(views: Int = 0, helpful: Int = 0, notHelpful: Int = 0) {
        self.views = views
        self.helpful = helpful
        self.notHelpful = notHelpful
    }
}
