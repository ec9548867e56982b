import ParleyCore

/// The public help center's pages (`help-*.leaf`). Leaf escapes every `#(...)`; the article's
/// `html` comes only from `MarkdownHTML` and a snippet only from `ArticleSnippet`, which escape
/// every character they do not mark up.
struct HelpBrandHeader: Encodable {
    var name: String
    var home: String
    var search: String

    init(_ brand: Brand) {
        name = brand.name
        home = HelpLinks.home(brand)
        search = HelpLinks.home(brand) + "/search"
    }
}

struct HelpLink: Encodable {
    var title: String
    var url: String
    var locale: String? = nil
}

struct HelpListPage: Encodable {
    struct Group: Encodable {
        var name: String
        var url: String?
        var links: [HelpLink]
    }

    var brand: HelpBrandHeader?
    var title: String
    var intro: String?
    var groups: [Group]
    var query: String
}

struct HelpSearchPage: Encodable {
    struct Hit: Encodable {
        var title: String
        var url: String
        var snippet: String
    }

    var brand: HelpBrandHeader
    var query: String
    var searched: Bool
    var hits: [Hit]
}

struct HelpArticlePage: Encodable {
    var brand: HelpBrandHeader
    var title: String
    var html: String
    var noindex: Bool
    var status: String
    var updated: String
    var locale: String
    var description: String
    var category: HelpLink?
    var translations: [HelpLink]
    var voteURL: String
    var voted: Bool
    var helpful: Int
    var canonical: String
    /// The header's search box starts empty.
    var query = ""
}
