import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/articles`: the desk's help-center editor. Everyone on the desk lists, searches and drafts;
/// supervisors and admins publish and archive (the action says no otherwise, shown as the notice).
/// Each form calls the same `HelpCenterActions` as `/api/v1/articles`.
struct HelpAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("articles", use: list)
        routes.get("articles", "new", use: new)
        routes.post("articles", use: create)
        routes.get("articles", ":article", use: edit)
        routes.post("articles", ":article", use: update)
    }

    struct ListQuery: Decodable {
        var brand: String?
        var status: String?
        var q: String?
        var notice: String?
    }

    @Sendable func list(req: Request) async throws -> View {
        let query = try req.query.decode(ListQuery.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        let brands = try await BrandQueries(database: req.db).all()
        let brand = brands.first { $0.slug == query.brand } ?? brands.first
        let statuses = try ArticlesController.statuses(query.status)
        var rows: [ArticleSummary] = []
        if let brand {
            if let q = query.q, !q.isEmpty {
                rows = try await ArticleQueries(database: req.db).search(brandID: brand.id, terms: SearchTerms(parsing: String(q.prefix(200))), statuses: statuses, limit: 100).map(\.article)
            } else {
                rows = try await ArticleQueries(database: req.db).list(.init(brandID: brand.id, statuses: statuses, limit: 300))
            }
        }
        return try await req.view.render("articles", ArticlesPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: query.notice,
            brands: brands.map { .init(slug: $0.slug, name: $0.name, selected: $0.id == brand?.id) },
            brand: brand?.slug ?? "", status: query.status ?? "", q: query.q ?? "",
            rows: rows.map { row in
                ArticlesPage.Row(
                    id: row.id.uuidString, title: row.title, status: row.status.rawValue, locale: row.locale,
                    updated: req.localTime.format(row.updatedAt), views: row.stats.views, helpful: row.stats.helpful,
                    notHelpful: row.stats.notHelpful, url: brand.map { HelpLinks.article($0, row) } ?? "")
            }))
    }

    @Sendable func new(req: Request) async throws -> View {
        let brands = try await BrandQueries(database: req.db).all()
        let brand = brands.first { $0.slug == req.query["brand"] } ?? brands.first
        var form = ArticleEditorPage.Form(brand: brand?.slug ?? "")
        form.title = req.query["title"] ?? ""
        form.body = req.query["body"] ?? ""
        return try await editor(req, article: nil, form: form, brands: brands)
    }

    @Sendable func edit(req: Request) async throws -> View {
        let id = try DeskController.uuid(req, "article")
        guard let article = try await ArticleQueries(database: req.db).find(id) else { throw HTTPError.notFound("article") }
        let brands = try await BrandQueries(database: req.db).all()
        var form = ArticleEditorPage.Form(brand: brands.first { $0.id == article.brandID }?.slug ?? "")
        form.title = article.title
        form.slug = article.slug
        form.body = article.body
        form.keywords = article.keywords.joined(separator: ", ")
        form.status = article.status.rawValue
        form.category = article.categoryID?.uuidString ?? ""
        form.locale = article.locale
        form.version = article.version
        return try await editor(req, article: article, form: form, brands: brands)
    }

    private func editor(_ req: Request, article: Article?, form: ArticleEditorPage.Form, brands: [Brand]) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let brand = brands.first { $0.slug == form.brand }
        var categories: [HelpCategory] = []
        if let brand { categories = try await BrandQueries(database: req.db).categories(brandID: brand.id) }
        return try await req.view.render("article-editor", ArticleEditorPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: req.query["notice"],
            id: article?.id.uuidString, form: form, canPublish: user.role.includes(.supervisor),
            brands: brands.map { .init(slug: $0.slug, name: $0.name, selected: $0.slug == form.brand) },
            categories: categories.map { category in
                let parent = categories.first { $0.id == category.parentID }
                return .init(id: category.id.uuidString, name: parent.map { "\($0.name) › \(category.name)" } ?? category.name, selected: category.id.uuidString == form.category)
            },
            publicURL: brand.flatMap { brand in article.map { HelpLinks.article(brand, slug: $0.slug, locale: $0.locale) } }))
    }

    struct EditorForm: Decodable {
        var brand: String?
        var title: String
        var slug: String?
        var category: String?
        var body: String
        var keywords: String?
        var status: String
        var locale: String?
        var version: Int?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let form = try req.content.decode(EditorForm.self)
        var created: Article?
        let response = try await req.formResult(back: "/articles/new", done: "", keeping: [("title", form.title), ("body", form.body), ("brand", form.brand ?? "")]) {
            let brand = try await ArticlesController.brand(form.brand, on: req)
            created = try await req.actions.helpCenter.createArticle(.init(
                brandID: brand.id, categoryID: form.category.flatMap(UUID.init(uuidString:)), slug: form.slug?.isEmpty == false ? form.slug : nil,
                locale: form.locale?.isEmpty == false ? form.locale! : "en", title: form.title, body: form.body,
                keywords: (form.keywords ?? "").commaSeparatedItems, status: try Self.status(form.status)), by: user)
        }
        guard let created else { return response }
        return req.redirect(to: "/articles/\(created.id)", notice: "Saved: the article is \(created.status.rawValue).")
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let id = try DeskController.uuid(req, "article")
        let form = try req.content.decode(EditorForm.self)
        return try await req.formResult(back: "/articles/\(id)", done: "Saved.") {
            let status = try Self.status(form.status)
            _ = try await req.actions.helpCenter.updateArticle(id, .init(
                categoryID: .some(form.category.flatMap(UUID.init(uuidString:))), slug: form.slug?.isEmpty == false ? form.slug : nil,
                title: form.title, body: form.body, keywords: (form.keywords ?? "").commaSeparatedItems, status: status, version: form.version), by: user)
        }
    }

    static func status(_ raw: String) throws -> PublicationStatus {
        guard let status = PublicationStatus(rawValue: raw) else { throw HTTPError(.badRequest, "bad_request", "Status is draft, published or archived.") }
        return status
    }
}

struct ArticlesPage: Encodable {
    struct BrandOption: Encodable {
        var slug: String
        var name: String
        var selected: Bool
    }

    struct Row: Encodable {
        var id: String
        var title: String
        var status: String
        var locale: String
        var updated: String
        var views: Int
        var helpful: Int
        var notHelpful: Int
        var url: String
    }

    var user: UserBadge
    var csrf: String
    var notice: String?
    var brands: [BrandOption]
    var brand: String
    var status: String
    var q: String
    var rows: [Row]
}

struct ArticleEditorPage: Encodable {
    struct Form: Encodable {
        var brand: String
        var title = ""
        var slug = ""
        var body = ""
        var keywords = ""
        var status = "draft"
        var category = ""
        var locale = "en"
        var version = 0
    }

    struct CategoryOption: Encodable {
        var id: String
        var name: String
        var selected: Bool
    }

    var user: UserBadge
    var csrf: String
    var notice: String?
    var id: String?
    var form: Form
    var canPublish: Bool
    var brands: [ArticlesPage.BrandOption]
    var categories: [CategoryOption]
    /// The public page (or the desk's preview of a draft).
    var publicURL: String?
}
