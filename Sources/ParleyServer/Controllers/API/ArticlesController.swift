import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The help center for the desk and integrations.
/// - `/api/v1/brands`: list; create (admins) `{slug, name, handles: [id or username]}`.
/// - `/api/v1/help/categories?brand=`: list; create (supervisors) `{brand, name, slug?, parent?, position?}`.
/// - `/api/v1/articles?brand=&status=&q=&category=&lang=&limit=`: list or search; create; `GET`/`PATCH /:id`.
/// - `/api/v1/conversations/:id/article-suggestions`: the case's three best articles.
/// Bodies refuse unknown fields.
struct ArticlesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("brands", use: brands)
        routes.post("brands", use: createBrand)
        routes.get("help", "categories", use: categories)
        routes.post("help", "categories", use: createCategory)
        let articles = routes.grouped("articles")
        articles.get(use: list)
        articles.post(use: create)
        articles.get(":article", use: show)
        articles.patch(":article", use: update)
        routes.get("conversations", ":id", "article-suggestions", use: suggestions)
    }

    // MARK: brands and categories

    @Sendable func brands(req: Request) async throws -> ListDTO<BrandDTO> {
        let handles = try await HandleQueries(database: req.db).all()
        return ListDTO(data: try await BrandQueries(database: req.db).all().map { BrandDTO($0, handles: handles) })
    }

    struct BrandInput: Decodable {
        var slug: String
        var name: String
        var handles: [String]?
        static let keys = ["slug", "name", "handles"]
    }

    @Sendable func createBrand(req: Request) async throws -> Response {
        let input = try req.strictBody(BrandInput.self, keys: BrandInput.keys)
        let handles = try await HandleQueries(database: req.db).all()
        let ids = try (input.handles ?? []).map { raw in
            guard let handle = Handle.named(raw, in: handles) else { throw HTTPError(.unprocessableEntity, "unknown_handle", "No handle '\(raw.prefix(40))'.") }
            return handle.id
        }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let brand = try await req.actions.helpCenter.createBrand(slug: input.slug, name: input.name, handleIDs: ids, by: user)
        return try await BrandDTO(brand, handles: handles).encodeResponse(status: .created, for: req)
    }

    @Sendable func categories(req: Request) async throws -> ListDTO<CategoryDTO> {
        let brand = try await Self.brand(req.query["brand"], on: req)
        return ListDTO(data: try await BrandQueries(database: req.db).categories(brandID: brand.id).map(CategoryDTO.init))
    }

    struct CategoryInput: Decodable {
        var brand: String
        var name: String
        var slug: String?
        var parent: UUID?
        var position: Int?
        static let keys = ["brand", "name", "slug", "parent", "position"]
    }

    @Sendable func createCategory(req: Request) async throws -> Response {
        let input = try req.strictBody(CategoryInput.self, keys: CategoryInput.keys)
        let brand = try await Self.brand(input.brand, on: req)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let category = try await req.actions.helpCenter.createCategory(
            brandID: brand.id, slug: input.slug, name: input.name, parentID: input.parent, position: input.position ?? 0, by: user)
        return try await CategoryDTO(category).encodeResponse(status: .created, for: req)
    }

    // MARK: articles

    struct ListQuery: Decodable {
        var brand: String?
        var status: String?
        var q: String?
        var category: UUID?
        var lang: String?
        var limit: Int?
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ArticleDTO> {
        let query = try req.query.decode(ListQuery.self)
        let statuses = try Self.statuses(query.status)
        let locale = try query.lang.map { lang throws(ArticleError) in try ArticleRules.locale(lang) }
        let limit = min(max(query.limit ?? 50, 1), 500)
        let brands = try await BrandQueries(database: req.db).all()
        let base = req.application.parleyServices.config.publicURL
        if let q = query.q, !q.isEmpty {
            let brand = try await Self.brand(query.brand, on: req)
            let hits = try await ArticleQueries(database: req.db).search(
                brandID: brand.id, terms: SearchTerms(parsing: String(q.prefix(200))), statuses: statuses, locale: locale, limit: min(limit, 100))
            return ListDTO(data: hits.map { ArticleDTO($0.article, brand: brand, base: base, snippet: $0.snippetHTML) })
        }
        var brandID: UUID?
        if let raw = query.brand { brandID = try await Self.brand(raw, on: req).id }
        let summaries = try await ArticleQueries(database: req.db).list(
            .init(brandID: brandID, statuses: statuses, categoryID: query.category, locale: locale, limit: limit))
        return ListDTO(data: summaries.compactMap { summary in
            brands.first { $0.id == summary.brandID }.map { ArticleDTO(summary, brand: $0, base: base) }
        })
    }

    @Sendable func show(req: Request) async throws -> ArticleDTO {
        let id = try DeskController.uuid(req, "article")
        guard let article = try await ArticleQueries(database: req.db).find(id),
            let brand = try await BrandQueries(database: req.db).find(article.brandID)
        else { throw ArticleError.notFound("article") }
        return try await Self.full(article, brand: brand, on: req)
    }

    struct ArticleInput: Decodable {
        var brand: String?
        var category: UUID?
        var slug: String?
        var locale: String?
        var translationOf: UUID?
        var title: String?
        var body: String?
        var keywords: [String]?
        var status: PublicationStatus?
        var version: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case brand, category, slug, locale, title, body, keywords, status, version
            case translationOf = "translation_of"
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.strictBody(ArticleInput.self, keys: ArticleInput.CodingKeys.allCases.map(\.rawValue))
        let brand = try await Self.brand(input.brand, on: req)
        guard let title = input.title else { throw HTTPError(.badRequest, "bad_request", "Missing field 'title'.") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let article = try await req.actions.helpCenter.createArticle(.init(
            brandID: brand.id, categoryID: input.category, slug: input.slug, locale: input.locale ?? "en", translationOf: input.translationOf,
            title: title, body: input.body ?? "", keywords: input.keywords ?? [], status: input.status ?? .draft), by: user)
        return try await Self.full(article, brand: brand, on: req).encodeResponse(status: .created, for: req)
    }

    /// Changes what is given; `"category": null` takes the article out of its category.
    @Sendable func update(req: Request) async throws -> ArticleDTO {
        let id = try DeskController.uuid(req, "article")
        let input = try req.strictBody(ArticleInput.self, keys: ArticleInput.CodingKeys.allCases.map(\.rawValue))
        guard input.brand == nil, input.locale == nil, input.translationOf == nil else {
            throw HTTPError(.badRequest, "bad_request", "An article's brand, language and original cannot change; write a new translation instead.")
        }
        let clearsCategory = try Self.sendsNull("category", in: req)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let article = try await req.actions.helpCenter.updateArticle(id, .init(
            categoryID: clearsCategory ? .some(nil) : input.category.map { .some($0) }, slug: input.slug, title: input.title,
            body: input.body, keywords: input.keywords, status: input.status, version: input.version), by: user)
        guard let brand = try await BrandQueries(database: req.db).find(article.brandID) else { throw ArticleError.notFound("brand") }
        return try await Self.full(article, brand: brand, on: req)
    }

    @Sendable func suggestions(req: Request) async throws -> ListDTO<ArticleDTO> {
        let id = try DeskController.uuid(req, "id")
        guard let detail = try await req.parley.conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let base = req.application.parleyServices.config.publicURL
        return ListDTO(data: try await ArticleSuggestions(database: req.db).suggest(for: detail).map {
            ArticleDTO($0.hit.article, brand: $0.brand, base: base, snippet: $0.hit.snippetHTML)
        })
    }

    // MARK: helpers

    static func brand(_ raw: String?, on req: Request) async throws -> Brand {
        guard let raw, !raw.isEmpty else { throw HTTPError(.badRequest, "bad_request", "Missing 'brand' (its slug or id).") }
        let brands = BrandQueries(database: req.db)
        if let id = UUID(uuidString: raw), let brand = try await brands.find(id) { return brand }
        guard let brand = try await brands.find(slug: raw.lowercased()) else {
            throw HTTPError(.unprocessableEntity, "unknown_brand", "No brand '\(raw.prefix(40))'.")
        }
        return brand
    }

    static func statuses(_ raw: String?) throws -> [PublicationStatus] {
        guard let raw, !raw.isEmpty else { return PublicationStatus.allCases }
        return try raw.split(separator: ",").map { part in
            guard let status = PublicationStatus(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw HTTPError(.badRequest, "bad_request", "status '\(part.prefix(40))' is not one of draft, published, archived.")
            }
            return status
        }
    }

    private static func sendsNull(_ key: String, in req: Request) throws -> Bool {
        guard let buffer = req.body.data, let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else { return false }
        return object[key] is NSNull
    }

    private static func full(_ article: Article, brand: Brand, on req: Request) async throws -> ArticleDTO {
        guard let page = try await ArticleQueries(database: req.db).page(brandID: article.brandID, locale: article.locale, slug: article.slug) else {
            throw ArticleError.notFound("article")
        }
        var dto = ArticleDTO(page.summary, brand: brand, base: req.application.parleyServices.config.publicURL)
        dto.body = article.body
        dto.html = page.html
        dto.keywords = article.keywords
        dto.version = article.version
        return dto
    }
}

struct ListDTO<Item: Content>: Content {
    var data: [Item]
}

struct BrandDTO: Content {
    var id: UUID
    var slug: String
    var name: String
    var handles: [String]
    var helpCenterURL: String

    init(_ brand: Brand, handles: [Handle]) {
        id = brand.id
        slug = brand.slug
        name = brand.name
        self.handles = brand.handleIDs.compactMap { id in handles.first { $0.id == id }.map { "@" + $0.username } }
        helpCenterURL = HelpLinks.home(brand)
    }

    enum CodingKeys: String, CodingKey {
        case id, slug, name, handles
        case helpCenterURL = "help_center_url"
    }
}

struct CategoryDTO: Content {
    var id: UUID
    var slug: String
    var name: String
    var parent: UUID?
    var position: Int

    init(_ category: HelpCategory) {
        id = category.id
        slug = category.slug
        name = category.name
        parent = category.parentID
        position = category.position
    }
}

struct ArticleDTO: Content {
    var id: UUID
    var brand: String
    var category: UUID?
    var slug: String
    var locale: String
    var translationOf: UUID?
    var title: String
    var status: String
    var url: String
    var updatedAt: Date
    var publishedAt: Date?
    var views: Int
    var helpful: Int
    var notHelpful: Int
    var snippet: String?
    var body: String?
    var html: String?
    var keywords: [String]?
    var version: Int?

    init(_ summary: ArticleSummary, brand: Brand, base: String, snippet: String? = nil) {
        id = summary.id
        self.brand = brand.slug
        category = summary.categoryID
        slug = summary.slug
        locale = summary.locale
        translationOf = summary.translationOf
        title = summary.title
        status = summary.status.rawValue
        url = base + HelpLinks.article(brand, summary)
        updatedAt = summary.updatedAt
        publishedAt = summary.publishedAt
        views = summary.stats.views
        helpful = summary.stats.helpful
        notHelpful = summary.stats.notHelpful
        self.snippet = snippet
    }

    enum CodingKeys: String, CodingKey {
        case id, brand, category, slug, locale, title, status, url, views, helpful, snippet, body, html, keywords, version
        case translationOf = "translation_of"
        case updatedAt = "updated_at"
        case publishedAt = "published_at"
        case notHelpful = "not_helpful"
    }
}
