import Foundation

/// Why an article, category or brand cannot be saved as asked.
public enum ArticleError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyTitle
    case titleTooLong(Int)
    case bodyTooLong(Int)
    case badSlug(String)
    case badLocale(String)
    case tooManyKeywords(Int)
    case duplicateSlug(String)
    case staleVersion(current: Int)
    case tooDeep
    case notFound(String)

    public var description: String {
        switch self {
        case .emptyTitle: "The article needs a title."
        case .titleTooLong(let count): "The title is \(count) characters; at most \(ArticleRules.maxTitle)."
        case .bodyTooLong(let count): "The body is \(count) characters; at most \(ArticleRules.maxBody)."
        case .badSlug(let slug): "\"\(slug.prefix(90))\" is not a slug: use lower-case letters, digits and dashes, at most \(HelpSlug.maxLength)."
        case .badLocale(let locale): "\"\(locale.prefix(20))\" is not a language tag like en or pt-BR."
        case .tooManyKeywords(let count): "\(count) keywords; at most \(ArticleRules.maxKeywords)."
        case .duplicateSlug(let slug): "Another article of this brand in this language is already at \"\(slug)\"."
        case .staleVersion(let current): "The article changed since it was read (now version \(current)); reload and edit again."
        case .tooDeep: "A section cannot hold sections: categories have two levels."
        case .notFound(let what): "No such \(what)."
        }
    }
}
