import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The demo's help centers: a brand per care handle, with categories and the articles its agents
/// linked in the IBM data set (`Resources/Demo/help-articles.json`, made by
/// `Scripts/make-demo-help.py`), written through the same actions as the API. Spotify also gets a
/// step-by-step guide with a Spanish translation and a draft; three brands get troubleshooting
/// flows (`DemoFlows`), and some requests come in by the support form and e-mail (`DemoSupport`).
public enum DemoHelpCenter {
    struct File: Decodable {
        struct BrandEntry: Decodable {
            var slug: String
            var name: String
            var handles: [String]
        }

        struct CategoryEntry: Decodable {
            var brand: String
            var slug: String
            var name: String
            var parent: String?
        }

        struct ArticleEntry: Decodable {
            var docID: String
            var brand: String
            var category: String
            var slug: String
            var title: String
            var body: String
            var keywords: [String]

            enum CodingKeys: String, CodingKey {
                case brand, category, slug, title, body, keywords
                case docID = "doc_id"
            }
        }

        var brands: [BrandEntry]
        var categories: [CategoryEntry]
        var articles: [ArticleEntry]
    }

    /// What was seeded, and which IBM document each article is (brand slug and article slug → doc id).
    public struct Seeded: Sendable {
        public var brands: Int
        public var articles: Int
        public var documents: [String: String]

        public static func key(brand: String, slug: String) -> String { brand + "/" + slug }
    }

    @discardableResult
    public static func seed(_ app: Application, file: URL, by actorID: UUID) async throws -> Seeded {
        let data = try JSONDecoder().decode(File.self, from: Data(contentsOf: file))
        guard let actor = try await UserQueries(database: app.db).find(actorID) else { throw DeskError.notFound("user") }
        let help = app.actions.helpCenter
        let handles = try await HandleQueries(database: app.db).all()
        var brands: [String: Brand] = [:]
        for entry in data.brands {
            let ids = entry.handles.compactMap { Handle.named($0, in: handles)?.id }
            brands[entry.slug] = try await help.createBrand(slug: entry.slug, name: entry.name, handleIDs: ids, by: actor)
        }
        var categories: [String: HelpCategory] = [:]
        // Categories before their sections.
        let ordered = data.categories.filter { $0.parent == nil } + data.categories.filter { $0.parent != nil }
        for (position, entry) in ordered.enumerated() {
            guard let brand = brands[entry.brand] else { continue }
            let parent = entry.parent.flatMap { categories[entry.brand + "/" + $0]?.id }
            categories[entry.brand + "/" + entry.slug] = try await help.createCategory(
                brandID: brand.id, slug: entry.slug, name: entry.name, parentID: parent, position: position, by: actor)
        }
        var documents: [String: String] = [:]
        for entry in data.articles {
            guard let brand = brands[entry.brand] else { continue }
            _ = try await help.createArticle(.init(
                brandID: brand.id, categoryID: categories[entry.brand + "/" + entry.category]?.id, slug: entry.slug,
                title: entry.title, body: entry.body, keywords: entry.keywords, status: .published), by: actor)
            documents[Seeded.key(brand: entry.brand, slug: entry.slug)] = entry.docID
        }
        if let spotify = brands["spotify"] {
            try await seedGuide(app, brand: spotify, category: categories["spotify/troubleshooting"]?.id ?? categories.first { $0.key.hasPrefix("spotify/") }?.value.id, by: actor)
        }
        try await DemoFlows.seed(app, brands: brands, by: actor)
        try await DemoSupport.seed(app, brands: brands)
        let base = app.parleyServices.config.publicURL
        for brand in brands.values {
            for handleID in brand.handleIDs {
                try await app.actions.handleSettings.setHelpURL(handleID, url: base + HelpLinks.home(brand))
            }
        }
        return Seeded(brands: brands.count, articles: data.articles.count, documents: documents)
    }

    /// A guide written the way a care team writes one, a translation, and a draft awaiting review.
    private static func seedGuide(_ app: Application, brand: Brand, category: UUID?, by actor: DeskUser) async throws {
        let help = app.actions.helpCenter
        let guide = try await help.createArticle(.init(
            brandID: brand.id, categoryID: category, slug: "app-crashes-or-will-not-open", title: "The app crashes or won't open",
            body: """
                If Spotify closes by itself or stops at the splash screen, these steps fix it for most people.

                ## Try these first

                1. **Restart the app**: close it completely, then open it again.
                2. **Update it** from your app store: old versions stop working after a server change.
                3. **Restart your device.**

                ## Still crashing?

                - Log out, then log back in.
                - Reinstall the app. Your playlists are saved to your account, but downloads need to be downloaded again.
                - Check our [status page](https://status.example.com/spotify) for a known problem.

                > During an outage the app may crash at start. You don't need to reinstall: we post on [@SpotifyCares](https://x.com/SpotifyCares) when it's fixed.
                """,
            keywords: ["crash", "crashes", "crashing", "closes", "freezes", "won't open", "splash screen", "keeps stopping"],
            status: .published), by: actor)
        _ = try await help.createArticle(.init(
            brandID: brand.id, categoryID: category, locale: "es", translationOf: guide.id, title: "La aplicación se cierra o no se abre",
            body: """
                Si Spotify se cierra solo o se queda en la pantalla de inicio, estos pasos lo solucionan casi siempre.

                1. **Reinicia la aplicación**: ciérrala del todo y vuelve a abrirla.
                2. **Actualízala** desde tu tienda de aplicaciones.
                3. **Reinicia tu dispositivo.**

                Si sigue fallando, cierra sesión y vuelve a entrar, o reinstala la aplicación.
                """,
            keywords: ["se cierra", "no abre", "falla"], status: .published), by: actor)
        _ = try await help.createArticle(.init(
            brandID: brand.id, categoryID: category, slug: "family-plan-price-change", title: "Family plan price change",
            body: "Draft, waiting on legal: what changes for Family plans, and when.", status: .draft), by: actor)
    }
}
