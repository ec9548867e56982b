import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The desk's article editor goes through the same actions as the API: an agent drafts and is
/// told why publishing is not theirs; a supervisor publishes; what was typed survives a refusal.
@Suite(.serialized) struct ArticleEditorPageTests: HTTPTestHelpers {
    @Test func agentsDraftAndSupervisorsPublish() async throws {
        try await withTestApp { app, _ in
            let admin = try await makeAgent(app, email: "admin@example.com", role: .admin)
            _ = try await makeAgent(app, email: "ana@example.com", role: .agent)
            _ = try await makeAgent(app, email: "priya@example.com", role: .supervisor)
            try await app.testing().test(.POST, "api/v1/brands", headers: admin, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"slug":"acme","name":"Acme"}"#)
            }, afterResponse: { res throws in #expect(res.status == .created) })

            let (agent, agentCSRF) = try await RoleDenialTests().signIn(app, email: "ana@example.com")
            let refused = try await form(app, "articles", agent, [
                "csrf": agentCSRF, "brand": "acme", "title": "Reset <your> password", "body": "1. Open **Settings**", "status": "published"])
            #expect(refused.contains("Only a supervisor or an admin publishes"))
            #expect(refused.contains("title=Reset <your> password"), "what was typed comes back")
            let saved = try await form(app, "articles", agent, [
                "csrf": agentCSRF, "brand": "acme", "title": "Reset <your> password", "body": "1. Open **Settings**", "status": "draft"])
            #expect(saved.contains("Saved: the article is draft."))
            let article = try #require(try await ArticleQueries(database: app.db).list(.init()).first)
            #expect(article.status == .draft)

            let list = try await page(app, "articles?brand=acme", agent)
            #expect(list.contains("Reset &lt;your&gt; password"))
            let editor = try await page(app, "articles/\(article.id)", agent)
            #expect(editor.contains("value=\"published\"  disabled") || editor.contains("disabled"))

            let (supervisor, csrf) = try await RoleDenialTests().signIn(app, email: "priya@example.com")
            let published = try await form(app, "articles/\(article.id)", supervisor, [
                "csrf": csrf, "title": "Reset your password", "body": "1. Open **Settings**", "status": "published", "version": "1", "slug": article.slug])
            #expect(published.contains("Saved."))
            let stale = try await form(app, "articles/\(article.id)", supervisor, [
                "csrf": csrf, "title": "From an old tab", "body": "x", "status": "published", "version": "1"])
            #expect(stale.contains("changed since it was read"))
            let public_ = try await page(app, "help/acme/articles/\(article.slug)", [:])
            #expect(public_.contains("<h1>Reset your password</h1>"))
            #expect(public_.contains("<strong>Settings</strong>"))
        }
    }
}
