import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The public help center: no login. `/help/:brand` lists categories and articles, `/search`
/// finds them, `/articles/:slug` shows one (`?lang=` for a translation) with "was this helpful?",
/// and `sitemap.xml` and `feed.xml` list the published ones. A signed-in desk user may preview a
/// draft (marked `noindex`); an archived article answers 410.
struct HelpCenterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let help = routes.grouped("help")
        help.get(use: index)
        help.get(":brand", use: home)
        help.get(":brand", "search", use: search)
        help.get(":brand", "categories", ":category", use: category)
        help.get(":brand", "articles", ":article", use: article)
        help.post(":brand", "articles", ":article", "vote", use: vote)
        help.get(":brand", "sitemap.xml", use: sitemap)
        help.get(":brand", "feed.xml", use: feed)
    }

    @Sendable func index(req: Request) async throws -> View {
        let brands = try await BrandQueries(database: req.db).all()
        let group = HelpListPage.Group(
            name: "Help centers", url: nil, links: brands.map { .init(title: $0.name, url: HelpLinks.home($0)) })
        return try await req.view.render("help-list", HelpListPage(
            brand: nil, title: "Help centers", intro: nil, groups: [group], query: ""))
    }

    @Sendable func home(req: Request) async throws -> View {
        let brand = try await req.helpBrand()
        let categories = try await BrandQueries(database: req.db).categories(brandID: brand.id)
        let articles = try await ArticleQueries(database: req.db).list(.init(brandID: brand.id, statuses: [.published], locale: "en", limit: 2_000))
        var groups: [HelpListPage.Group] = []
        for top in categories where top.parentID == nil {
            let inside = Set([top.id] + categories.filter { $0.parentID == top.id }.map(\.id))
            let links = articles.filter { $0.categoryID.map(inside.contains) ?? false }.prefix(6)
            guard !links.isEmpty else { continue }
            groups.append(.init(name: top.name, url: HelpLinks.category(brand, top), links: links.map { .init(title: $0.title, url: HelpLinks.article(brand, $0)) }))
        }
        let loose = articles.filter { $0.categoryID == nil }.prefix(10)
        if !loose.isEmpty { groups.append(.init(name: "More articles", url: nil, links: loose.map { .init(title: $0.title, url: HelpLinks.article(brand, $0)) })) }
        let popular = articles.sorted { ($0.stats.views, $0.updatedAt) > ($1.stats.views, $1.updatedAt) }.prefix(5)
        if !popular.isEmpty { groups.insert(.init(name: "Popular", url: nil, links: popular.map { .init(title: $0.title, url: HelpLinks.article(brand, $0)) }), at: 0) }
        let flows = try await FlowQueries(database: req.db).list(brandID: brand.id, statuses: [.published])
        if !flows.isEmpty {
            groups.insert(.init(name: "Guided troubleshooting", url: HelpLinks.home(brand) + "/flows", links: flows.map { .init(title: $0.title, url: HelpLinks.flow(brand, $0)) }), at: 0)
        }
        return try await req.view.render("help-list", HelpListPage(
            brand: .init(brand), title: "\(brand.name) Help Center", intro: "Answers from the \(brand.name) support team.", groups: groups, query: ""))
    }

    @Sendable func category(req: Request) async throws -> View {
        let brand = try await req.helpBrand()
        let categories = try await BrandQueries(database: req.db).categories(brandID: brand.id)
        guard let category = categories.first(where: { $0.slug == req.parameters.get("category") }) else { throw HTTPError.notFound("category") }
        let articles = try await ArticleQueries(database: req.db).list(.init(brandID: brand.id, statuses: [.published], locale: "en", limit: 2_000))
        let sections = [category] + categories.filter { $0.parentID == category.id }
        let groups = sections.compactMap { section -> HelpListPage.Group? in
            let links = articles.filter { $0.categoryID == section.id }.sorted { $0.title < $1.title }
            guard !links.isEmpty else { return nil }
            return .init(name: section.id == category.id ? "Articles" : section.name, url: nil, links: links.map { .init(title: $0.title, url: HelpLinks.article(brand, $0)) })
        }
        return try await req.view.render("help-list", HelpListPage(brand: .init(brand), title: category.name, intro: nil, groups: groups, query: ""))
    }

    struct SearchQuery: Decodable {
        var q: String?
        var lang: String?
    }

    @Sendable func search(req: Request) async throws -> View {
        let brand = try await req.helpBrand()
        let query = try req.query.decode(SearchQuery.self)
        let text = String((query.q ?? "").prefix(200))
        let terms = SearchTerms(parsing: text)
        let locale = try query.lang.map { lang throws(ArticleError) in try ArticleRules.locale(lang) }
        let hits = try await ArticleQueries(database: req.db).search(brandID: brand.id, terms: terms, locale: locale, limit: 20)
        return try await req.view.render("help-search", HelpSearchPage(
            brand: .init(brand), query: text, searched: !terms.isEmpty,
            hits: hits.map { .init(title: $0.article.title, url: HelpLinks.article(brand, $0.article), snippet: $0.snippetHTML) }))
    }

    struct ArticleQuery: Decodable {
        var lang: String?
        var voted: String?
    }

    @Sendable func article(req: Request) async throws -> Response {
        let brand = try await req.helpBrand()
        let query = try req.query.decode(ArticleQuery.self)
        let locale = (try? ArticleRules.locale(query.lang ?? "en")) ?? "en"
        let articles = ArticleQueries(database: req.db)
        guard let slug = req.parameters.get("article"), let page = try await articles.page(brandID: brand.id, locale: locale, slug: slug) else {
            throw HTTPError.notFound("article")
        }
        let preview = req.auth.has(AuthenticatedUser.self)
        switch page.summary.status {
        case .published: break
        case .draft where preview: break
        case .draft: throw HTTPError.notFound("article")
        case .archived: throw HTTPError(.gone, "gone", "This article was archived: it no longer applies.")
        }
        if page.summary.status == .published, !preview { await req.actions.helpCenter.recordView(page.summary.id) }
        let translations = try await articles.translations(of: page.summary).filter { $0.id != page.summary.id }
        let category = try await BrandQueries(database: req.db).categories(brandID: brand.id).first { $0.id == page.summary.categoryID }
        let view = HelpArticlePage(
            brand: .init(brand), title: page.summary.title, html: page.html, noindex: page.summary.status != .published,
            status: page.summary.status.rawValue, updated: HelpLinks.day(page.summary.updatedAt), locale: page.summary.locale,
            description: String(page.text.replacingOccurrences(of: "\n", with: " ").prefix(160)),
            category: category.map { .init(title: $0.name, url: HelpLinks.category(brand, $0)) },
            translations: translations.map { .init(title: Locale(identifier: "en").localizedString(forIdentifier: $0.locale) ?? $0.locale, url: HelpLinks.article(brand, $0), locale: $0.locale) },
            voteURL: HelpLinks.vote(brand, page.summary), voted: query.voted == "yes" || query.voted == "no", helpful: page.summary.stats.helpful,
            canonical: req.application.parleyServices.config.publicURL + HelpLinks.article(brand, page.summary))
        let response = try await req.view.render("help-article", view).encodeResponse(for: req)
        if req.cookies[HelpVisitor.cookie] == nil {
            response.cookies[HelpVisitor.cookie] = HelpVisitor.newCookie(req.parley.effects.newID())
        }
        if view.noindex { response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex") }
        return response
    }

    struct VoteForm: Decodable {
        var helpful: String
        var lang: String?
    }

    /// The visitor cookie set by the article page is the vote's key, so each visitor counts once;
    /// it is `SameSite=Lax`, so another site cannot vote on a reader's behalf.
    @Sendable func vote(req: Request) async throws -> Response {
        let brand = try await req.helpBrand()
        let form = try req.content.decode(VoteForm.self)
        guard form.helpful == "yes" || form.helpful == "no" else { throw HTTPError(.badRequest, "bad_request", "helpful must be yes or no.") }
        let locale = (try? ArticleRules.locale(form.lang ?? "en")) ?? "en"
        guard let slug = req.parameters.get("article"), let page = try await ArticleQueries(database: req.db).page(brandID: brand.id, locale: locale, slug: slug) else {
            throw HTTPError.notFound("article")
        }
        guard let visitor = req.cookies[HelpVisitor.cookie]?.string, let voter = HelpVisitor.key(visitor) else {
            throw HTTPError(.badRequest, "cookie_required", "Open the article again and vote from its page (the vote needs a cookie).")
        }
        _ = try await req.actions.helpCenter.vote(page.summary.id, voter: voter, helpful: form.helpful == "yes")
        let back = HelpLinks.article(brand, page.summary)
        return req.redirect(to: back + (back.contains("?") ? "&" : "?") + "voted=\(form.helpful)#vote")
    }

    @Sendable func sitemap(req: Request) async throws -> Response {
        let brand = try await req.helpBrand()
        let base = req.application.parleyServices.config.publicURL
        let articles = try await ArticleQueries(database: req.db).list(.init(brandID: brand.id, statuses: [.published], limit: 10_000))
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        xml += "<url><loc>\(HelpXML.escape(base + HelpLinks.home(brand)))</loc></url>\n"
        for article in articles {
            xml += "<url><loc>\(HelpXML.escape(base + HelpLinks.article(brand, article)))</loc><lastmod>\(HelpLinks.day(article.updatedAt))</lastmod></url>\n"
        }
        xml += "</urlset>\n"
        return Response(status: .ok, headers: ["Content-Type": "application/xml; charset=utf-8"], body: .init(string: xml))
    }

    @Sendable func feed(req: Request) async throws -> Response {
        let brand = try await req.helpBrand()
        let base = req.application.parleyServices.config.publicURL
        let articles = try await ArticleQueries(database: req.db).list(.init(brandID: brand.id, statuses: [.published], limit: 50))
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n"
        xml += "<title>\(HelpXML.escape(brand.name)) Help Center</title><link>\(HelpXML.escape(base + HelpLinks.home(brand)))</link>"
        xml += "<description>Recently updated articles</description>\n"
        for article in articles {
            let url = HelpXML.escape(base + HelpLinks.article(brand, article))
            xml += "<item><title>\(HelpXML.escape(article.title))</title><link>\(url)</link><guid>\(url)</guid>"
            xml += "<pubDate>\(HelpXML.rfc822(article.updatedAt))</pubDate></item>\n"
        }
        xml += "</channel></rss>\n"
        return Response(status: .ok, headers: ["Content-Type": "application/rss+xml; charset=utf-8"], body: .init(string: xml))
    }
}

extension Request {
    /// The brand `:brand` names, or 404.
    func helpBrand() async throws -> Brand {
        guard let slug = parameters.get("brand"), HelpSlug.isValid(slug), let brand = try await BrandQueries(database: db).find(slug: slug) else {
            throw HTTPError.notFound("help center")
        }
        return brand
    }
}

/// The anonymous reader's cookie: a random id, kept hashed as their vote's key.
enum HelpVisitor {
    static let cookie = "parley_visitor"

    static func newCookie(_ id: UUID) -> HTTPCookies.Value {
        HTTPCookies.Value(string: id.uuidString.lowercased(), expires: nil, maxAge: 365 * 86_400, path: "/help", isHTTPOnly: true, sameSite: .lax)
    }

    /// SHA-256 of a well-formed cookie; nil for anything else.
    static func key(_ cookie: String) -> String? {
        guard UUID(uuidString: cookie) != nil else { return nil }
        return SHA256.hash(data: Data(cookie.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Text for XML: the five predefined entities, control characters dropped.
enum HelpXML {
    static func escape(_ text: String) -> String {
        HTMLEscape.text(text, xml: true)
    }

    static func rfc822(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }
}
