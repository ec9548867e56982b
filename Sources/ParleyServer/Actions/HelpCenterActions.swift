import Foundation
import ParleyCore
import ParleyStore

/// The help center's writes: brands (admins), categories and articles (anyone on the desk drafts;
/// supervisors and admins publish and archive), and what readers do (views and votes).
struct HelpCenterActions: Sendable {
    let context: ActionContext

    // MARK: brands and categories

    func createBrand(slug: String, name: String, handleIDs: [UUID], by actor: DeskUser) async throws -> Brand {
        guard actor.role.includes(.admin) else { throw DeskError.forbidden("Only an admin adds brands.") }
        guard HelpSlug.isValid(slug) else { throw ArticleError.badSlug(slug) }
        let name = try ArticleRules.title(name)
        return try await context.commit { tx in
            let brands = BrandQueries(database: tx.database)
            guard try await brands.find(slug: slug) == nil else { throw DeskError.conflict(code: "duplicate_slug", "A brand is already at \"\(slug)\".") }
            try await Self.checkHandles(handleIDs, on: tx)
            let brand = Brand(id: tx.effects.newID(), slug: slug, name: name, handleIDs: handleIDs)
            try await brands.create(brand, at: tx.now)
            return Change(brand)
        }
    }

    func setBrandHandles(_ brandID: UUID, handleIDs: [UUID], by actor: DeskUser) async throws -> Brand {
        guard actor.role.includes(.admin) else { throw DeskError.forbidden("Only an admin changes a brand's handles.") }
        return try await context.commit { tx in
            let brands = BrandQueries(database: tx.database)
            guard var brand = try await brands.find(brandID) else { throw ArticleError.notFound("brand") }
            try await Self.checkHandles(handleIDs, on: tx)
            try await brands.setHandles(brandID, handleIDs)
            brand.handleIDs = handleIDs
            return Change(brand)
        }
    }

    private static func checkHandles(_ ids: [UUID], on tx: ActionContext) async throws {
        let known = Set(try await HandleQueries(database: tx.database).all().map(\.id))
        guard ids.allSatisfy(known.contains) else { throw DeskError.notFound("handle") }
    }

    func createCategory(brandID: UUID, slug: String?, name: String, parentID: UUID?, position: Int, by actor: DeskUser) async throws -> HelpCategory {
        try Self.requireEditor(actor)
        let name = try ArticleRules.title(name)
        let slug = try ArticleRules.slug(slug, title: name)
        return try await context.commit { tx in
            let brands = BrandQueries(database: tx.database)
            guard try await brands.find(brandID) != nil else { throw ArticleError.notFound("brand") }
            let existing = try await brands.categories(brandID: brandID)
            guard !existing.contains(where: { $0.slug == slug }) else { throw ArticleError.duplicateSlug(slug) }
            if let parentID {
                guard let parent = existing.first(where: { $0.id == parentID }) else { throw ArticleError.notFound("category") }
                guard parent.parentID == nil else { throw ArticleError.tooDeep }
            }
            let category = HelpCategory(id: tx.effects.newID(), brandID: brandID, slug: slug, name: name, parentID: parentID, position: position)
            try await brands.create(category)
            return Change(category)
        }
    }

    // MARK: articles

    struct Draft: Sendable {
        var brandID: UUID
        var categoryID: UUID?
        var slug: String?
        var locale: String = "en"
        var translationOf: UUID?
        var title: String
        var body: String
        var keywords: [String] = []
        var status: PublicationStatus = .draft
    }

    struct Edit: Sendable {
        var categoryID: UUID??
        var slug: String?
        var title: String?
        var body: String?
        var keywords: [String]?
        var status: PublicationStatus?
        /// The version the editor read; nil: whatever is current.
        var version: Int?
    }

    func createArticle(_ draft: Draft, by actor: DeskUser) async throws -> Article {
        try Self.requireAuthor(actor, status: draft.status)
        let title = try ArticleRules.title(draft.title)
        let body = try ArticleRules.body(draft.body)
        let keywords = try ArticleRules.keywords(draft.keywords)
        let locale = try ArticleRules.locale(draft.locale)
        return try await context.commit { tx in
            let articles = ArticleQueries(database: tx.database)
            guard try await BrandQueries(database: tx.database).find(draft.brandID) != nil else { throw ArticleError.notFound("brand") }
            try await Self.checkCategory(draft.categoryID, brandID: draft.brandID, on: tx)
            var slug = try ArticleRules.slug(draft.slug, title: title)
            if let originalID = draft.translationOf {
                guard let original = try await articles.find(originalID), original.brandID == draft.brandID, original.translationOf == nil else {
                    throw ArticleError.notFound("original article")
                }
                guard original.locale != locale else { throw ArticleError.badLocale("\(locale) (the original's own language)") }
                if draft.slug == nil { slug = original.slug }
            }
            guard try await !articles.slugTaken(slug, brandID: draft.brandID, locale: locale, except: nil) else {
                throw ArticleError.duplicateSlug(slug)
            }
            let article = Article(
                id: tx.effects.newID(), brandID: draft.brandID, categoryID: draft.categoryID, slug: slug, locale: locale,
                translationOf: draft.translationOf, title: title, body: body, keywords: keywords, status: draft.status,
                authorID: actor.id, createdAt: tx.now, updatedAt: tx.now, publishedAt: draft.status == .published ? tx.now : nil)
            try await articles.create(article)
            return Change(article)
        }
    }

    func updateArticle(_ id: UUID, _ edit: Edit, by actor: DeskUser) async throws -> Article {
        if let status = edit.status { try Self.requireAuthor(actor, status: status) }
        let title = try edit.title.map { title throws(ArticleError) in try ArticleRules.title(title) }
        let body = try edit.body.map { body throws(ArticleError) in try ArticleRules.body(body) }
        let keywords = try edit.keywords.map { words throws(ArticleError) in try ArticleRules.keywords(words) }
        return try await context.commit { tx in
            let articles = ArticleQueries(database: tx.database)
            guard var article = try await articles.find(id) else { throw ArticleError.notFound("article") }
            if let version = edit.version, version != article.version { throw ArticleError.staleVersion(current: article.version) }
            // Changing a published article is publishing: the same rule as publishing it.
            if article.status != .draft { try Self.requireAuthor(actor, status: .published) }
            if let categoryID = edit.categoryID {
                try await Self.checkCategory(categoryID, brandID: article.brandID, on: tx)
                article.categoryID = categoryID
            }
            if let slug = edit.slug, slug != article.slug {
                guard HelpSlug.isValid(slug) else { throw ArticleError.badSlug(slug) }
                guard try await !articles.slugTaken(slug, brandID: article.brandID, locale: article.locale, except: id) else {
                    throw ArticleError.duplicateSlug(slug)
                }
                article.slug = slug
            }
            if let title { article.title = title }
            if let body { article.body = body }
            if let keywords { article.keywords = keywords }
            if let status = edit.status, status != article.status {
                article.status = status
                if status == .published { article.publishedAt = tx.now }
            }
            article.updatedAt = tx.now
            article.version += 1
            guard try await articles.update(article) else {
                throw ArticleError.staleVersion(current: try await articles.find(id)?.version ?? article.version)
            }
            return Change(article)
        }
    }

    private static func checkCategory(_ id: UUID?, brandID: UUID, on tx: ActionContext) async throws {
        guard let id else { return }
        guard try await BrandQueries(database: tx.database).categories(brandID: brandID).contains(where: { $0.id == id }) else {
            throw ArticleError.notFound("category")
        }
    }

    static func requireEditor(_ actor: DeskUser) throws {
        guard actor.role.includes(.supervisor) else { throw DeskError.forbidden("Only a supervisor or an admin organizes the help center.") }
    }

    /// Anyone on the desk writes drafts; publishing and archiving is a supervisor's or an admin's.
    static func requireAuthor(_ actor: DeskUser, status: PublicationStatus) throws {
        guard status == .draft || actor.role.includes(.supervisor) else {
            throw DeskError.forbidden("Only a supervisor or an admin publishes or archives articles; save it as a draft.")
        }
    }

    // MARK: readers

    /// Counted now, written with the next batch (`ArticleViews`).
    func recordView(_ id: UUID) async {
        await context.services.articleViews.record(id)
    }

    /// A reader's "was this helpful?": one vote per visitor (`voter` is a hash of their cookie).
    func vote(_ id: UUID, voter: String, helpful: Bool) async throws -> ArticleStats {
        try await context.commit { tx in
            let articles = ArticleQueries(database: tx.database)
            guard let article = try await articles.find(id), article.status == .published else { throw ArticleError.notFound("article") }
            return Change(try await articles.vote(article.id, voter: voter, helpful: helpful, at: tx.now))
        }
    }
}
