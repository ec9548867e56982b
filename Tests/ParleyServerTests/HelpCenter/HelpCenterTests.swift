import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The help center over HTTP: the API writes (with its rules and roles), the public pages read,
/// hostile text stays text, and the composer suggests the articles that match the customer.
@Suite(.serialized) struct HelpCenterTests: HTTPTestHelpers {
    /// An admin and an agent; the brand `acme` with @AcmeCare; a category.
    func setUp(_ app: Application) async throws -> (admin: HTTPHeaders, agent: HTTPHeaders, category: String) {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: ["acme"]))
        let admin = try await makeAgent(app, email: "admin@example.com", role: .admin)
        let agent = try await makeAgent(app, email: "agent@example.com", role: .agent)
        _ = try await json(app, .POST, "api/v1/brands", admin, #"{"slug":"acme","name":"Acme","handles":["@AcmeCare"]}"#, status: .created)
        let category = try await json(app, .POST, "api/v1/help/categories", admin, #"{"brand":"acme","name":"Account & sign-in"}"#, status: .created)
        return (admin, agent, category["id"] as? String ?? "")
    }

    @Test func articlesAreWrittenByRulesAndReadPublicly() async throws {
        try await articlesAreWrittenByRulesAndReadPublicly(on: nil)
    }

    func articlesAreWrittenByRulesAndReadPublicly(on database: DatabaseChoice?) async throws {
        try await withTestApp(database: database) { app, _ in
            let (admin, agent, category) = try await setUp(app)
            // Unknown fields and bad values are refused with the reason.
            let unknown = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"x","titel":"y"}"#, status: .badRequest)
            #expect("\(unknown)".contains("titel"))
            _ = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"x","slug":"Bad Slug"}"#, status: .unprocessableEntity)
            // An agent drafts; only a supervisor or admin publishes.
            _ = try await json(app, .POST, "api/v1/articles", agent, #"{"brand":"acme","title":"Agent's draft","status":"published"}"#, status: .forbidden)
            let draft = try await json(app, .POST, "api/v1/articles", agent, #"{"brand":"acme","title":"Agent's draft","body":"Soon."}"#, status: .created)
            #expect(draft["status"] as? String == "draft")

            let body = """
                Follow these steps to **reset your password**.

                1. Open <script>alert(1)</script> Settings.
                2. Choose [Reset](javascript:alert(1)) or see [the guide](https://acme.example/guide).
                """
            let created = try await json(app, .POST, "api/v1/articles", admin, try String(data: JSONSerialization.data(withJSONObject: [
                "brand": "acme", "category": category, "title": "Reset your <b>password</b>", "body": body,
                "keywords": ["forgot password", "locked out"], "status": "published",
            ]), encoding: .utf8)!, status: .created)
            let id = try #require(created["id"] as? String)
            #expect(created["slug"] as? String == "reset-your-b-password-b")
            #expect((created["url"] as? String)?.hasSuffix("/help/acme/articles/reset-your-b-password-b") == true)
            // The same slug again is a conflict.
            _ = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"Other","slug":"reset-your-b-password-b"}"#, status: .conflict)

            // The page: the title as text, raw HTML escaped, the javascript: link only text, other links nofollow.
            let page = try await get(app, "help/acme/articles/reset-your-b-password-b")
            #expect(page.body.contains("<h1>Reset your &lt;b&gt;password&lt;/b&gt;</h1>"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(!page.body.contains("javascript:"))
            #expect(page.body.contains("<a href=\"https://acme.example/guide\" rel=\"nofollow noopener\">the guide</a>"))
            #expect(!page.body.contains("noindex"))
            let visitor = try #require(page.headers.setCookie?[HelpVisitor.cookie]?.string)

            // Search: accents and case ignored, the keywords count, the snippet marked and escaped.
            let search = try await get(app, "help/acme/search?q=PASSWÖRD")
            #expect(search.body.contains("1 result for"))
            let byKeyword = try await get(app, "help/acme/search?q=locked")
            #expect(byKeyword.body.contains("reset-your-b-password-b"))
            #expect(try await get(app, "help/acme/search?q=password").body.contains("<mark>password</mark>"))
            #expect(!(try await get(app, "help/acme/search?q=soon").body.contains("Agent&#39;s draft")), "drafts are not public")

            // The draft: 404 for the public, a noindex preview for the desk.
            let draftSlug = try #require(draft["slug"] as? String)
            _ = try await get(app, "help/acme/articles/\(draftSlug)", status: .notFound)

            // Votes: one per visitor; a second vote replaces the first.
            var cookie = HTTPHeaders()
            cookie.add(name: .cookie, value: "\(HelpVisitor.cookie)=\(visitor)")
            for helpful in ["yes", "yes", "no"] {
                try await app.testing().test(.POST, "help/acme/articles/reset-your-b-password-b/vote", headers: cookie, beforeRequest: { req in
                    try req.content.encode(["helpful": helpful], as: .urlEncodedForm)
                }, afterResponse: { res throws in #expect(res.status == .seeOther) })
            }
            try await app.testing().test(.POST, "help/acme/articles/reset-your-b-password-b/vote", beforeRequest: { req in
                try req.content.encode(["helpful": "yes"], as: .urlEncodedForm)
            }, afterResponse: { res throws in #expect(res.status == .badRequest, "a vote without the page's cookie") })
            // Views are written in batches.
            try await app.parleyServices.articleViews.flush(on: app.db)
            let shown = try await json(app, .GET, "api/v1/articles/\(id)", admin, status: .ok)
            #expect(shown["helpful"] as? Int == 0)
            #expect(shown["not_helpful"] as? Int == 1)
            #expect(shown["views"] as? Int == 1)

            // A stale edit is refused; archiving makes the page 410 and drops it from the sitemap.
            _ = try await json(app, .PATCH, "api/v1/articles/\(id)", admin, #"{"title":"Reset your password","version":1}"#, status: .ok)
            _ = try await json(app, .PATCH, "api/v1/articles/\(id)", admin, #"{"title":"Based on an old read","version":1}"#, status: .conflict)
            _ = try await json(app, .PATCH, "api/v1/articles/\(id)", agent, #"{"title":"Agent edit"}"#, status: .forbidden)
            let archived = try await json(app, .PATCH, "api/v1/articles/\(id)", admin, #"{"status":"archived","version":2}"#, status: .ok)
            #expect(archived["version"] as? Int == 3)
            _ = try await get(app, "help/acme/articles/reset-your-b-password-b", status: .gone)
            #expect(!(try await get(app, "help/acme/sitemap.xml").body.contains("reset-your-b-password-b")))
        }
    }

    @Test func translationsAreLinkedAndTheSitemapAndFeedListPublishedArticles() async throws {
        try await withTestApp { app, _ in
            let (admin, _, _) = try await setUp(app)
            let original = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"Shipping times & costs","body":"Two days.","status":"published"}"#, status: .created)
            let id = try #require(original["id"] as? String)
            let spanish = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"Plazos de envío","body":"Dos días.","locale":"es","translation_of":"\#(id)","status":"published"}"#, status: .created)
            #expect(spanish["slug"] as? String == "shipping-times-costs", "a translation keeps its original's slug")
            _ = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"Again","locale":"en","translation_of":"\#(id)"}"#, status: .unprocessableEntity)

            let english = try await get(app, "help/acme/articles/shipping-times-costs")
            #expect(english.body.contains("hreflang=\"es\""))
            let es = try await get(app, "help/acme/articles/shipping-times-costs?lang=es")
            #expect(es.body.contains("<html lang=\"es\">"))
            #expect(es.body.contains("Plazos de envío"))

            let sitemap = try await get(app, "help/acme/sitemap.xml")
            #expect(sitemap.body.contains("<loc>http://localhost:8080/help/acme/articles/shipping-times-costs</loc>"))
            #expect(sitemap.body.contains("<loc>http://localhost:8080/help/acme/articles/shipping-times-costs?lang=es</loc>"))
            let feed = try await get(app, "help/acme/feed.xml")
            #expect(feed.body.contains("<title>Shipping times &amp; costs</title>"))
            _ = try await get(app, "help/nobody", status: .notFound)
            // The index, the brand's home and its category pages list what is published.
            #expect(try await get(app, "help").body.contains("href=\"/help/acme\""))
            #expect(try await get(app, "help/acme").body.contains("Shipping times &amp; costs"))
        }
    }

    /// The composer shows the three articles that best match the customer's words, with public links.
    @Test func theComposerSuggestsArticlesForTheCustomersWords() async throws {
        try await theComposerSuggestsArticlesForTheCustomersWords(on: nil)
    }

    func theComposerSuggestsArticlesForTheCustomersWords(on database: DatabaseChoice?) async throws {
        try await withTestApp(database: database) { app, _ in
            let (admin, _, _) = try await setUp(app)
            for (title, body) in [
                ("Reset your password", "Forgot your password? Use the reset link on the sign-in page."),
                ("Track your order", "See where your parcel is with the tracking number."),
                ("Cancel a subscription", "You can cancel any time in Settings."),
            ] {
                _ = try await json(app, .POST, "api/v1/articles", admin, try String(data: JSONSerialization.data(withJSONObject: [
                    "brand": "acme", "title": title, "body": body, "status": "published"]), encoding: .utf8)!, status: .created)
            }
            let post = #"{"data":{"id":"9001","text":"@AcmeCare where is my parcel?? order 12345 still not here","author_id":"555","created_at":"2026-12-01T10:00:00.000Z","conversation_id":"9001","entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare","id":"100"}]}},"includes":{"users":[{"id":"555","username":"dana","name":"Dana"}]}}"#
            let ingest = try await makeAgent(app, email: "feed@example.com", role: .admin, scopes: [.ingest])
            _ = try await json(app, .POST, "api/v1/events", ingest, post, status: .accepted)
            try await ParleyApp.processor(for: app).drain()
            let conversation = try #require(try await ConversationQueries(database: app.db).message(xID: "9001")?.conversationID)
            let suggestions = try await json(app, .GET, "api/v1/conversations/\(conversation)/article-suggestions", admin, status: .ok)
            let first = try #require((suggestions["data"] as? [[String: Any]])?.first)
            #expect(first["title"] as? String == "Track your order")
            #expect(first["url"] as? String == "http://localhost:8080/help/acme/articles/track-your-order")
        }
    }
}

/// The same, on PostgreSQL: its weighted tsvector and `ts_rank` in place of FTS5 and bm25.
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct PostgresHelpCenterTests {
    @Test func articlesAreWrittenByRulesAndReadPublicly() async throws {
        try await HelpCenterTests().articlesAreWrittenByRulesAndReadPublicly(on: try TestDatabases.freshPostgres())
    }

    @Test func theComposerSuggestsArticlesForTheCustomersWords() async throws {
        try await HelpCenterTests().theComposerSuggestsArticlesForTheCustomersWords(on: try TestDatabases.freshPostgres())
    }

    @Test func customersWalkFlowsAndTheFiguresCountIt() async throws {
        try await FlowsTests().customersWalkWithFormsAndTheFiguresCountIt(on: try TestDatabases.freshPostgres())
    }
}
