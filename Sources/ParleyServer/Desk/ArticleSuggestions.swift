import Fluent
import Foundation
import ParleyCore
import ParleyStore

/// The three published articles of a case's brand that best match what its customer wrote: the
/// composer shows them, `GET /api/v1/conversations/:id/article-suggestions` returns them, and
/// `parley eval help` measures them.
public struct ArticleSuggestions: Sendable {
    public static let count = 3
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Suggestion: Sendable, Equatable {
        public var hit: ArticleHit
        public var brand: Brand
        /// The path on this server (`HelpLinks.article`).
        public var path: String
    }

    public func suggest(for detail: ConversationDetail) async throws -> [Suggestion] {
        guard let brand = try await BrandQueries(database: database).brand(ofHandle: detail.handle.id) else { return [] }
        let texts = detail.messages.filter { !$0.kind.isOwn && $0.authorXUserID == detail.customer.xUserID }.map(\.text)
        let words = ArticleSuggestionWords.words(in: texts)
        return try await ArticleQueries(database: database).suggest(brandID: brand.id, words: words, limit: Self.count).map {
            Suggestion(hit: $0, brand: brand, path: HelpLinks.article(brand, $0.article))
        }
    }
}
