import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The web inbox through real HTTP: sign-in, CSRF, the queue and a conversation, escaping.
@Suite(.serialized) struct InboxPageTests {
    static let hostilePost = #"{"data":{"id":"7001","text":"@AcmeCare &lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(2)>","author_id":"666","created_at":"2026-11-25T11:00:00.000Z","conversation_id":"7001","entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare"}]}},"includes":{"users":[{"id":"666","name":"<script>alert(3)</script>","username":"mallory","description":"<img src=x onerror=alert(4)>"}]}}"#

    /// Signs in through the login form and returns the session cookie header.
    func signIn(_ app: Application, email: String = "ana@example.com", password: String = "secret-password") async throws -> HTTPHeaders {
        var cookie = HTTPHeaders()
        var csrf = ""
        try await app.testing().test(.GET, "login", afterResponse: { res in
            #expect(res.status == .ok)
            csrf = try #require(Self.hiddenCSRF(in: res.body.string))
            if let set = res.headers.setCookie?["parley_session"] { cookie.cookie = ["parley_session": set] }
        })
        try await app.testing().test(.POST, "login", headers: cookie, beforeRequest: { req in
            try req.content.encode(["csrf": csrf, "email": email, "password": password], as: .urlEncodedForm)
        }, afterResponse: { res in
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/inbox")
            if let set = res.headers.setCookie?["parley_session"] { cookie.cookie = ["parley_session": set] }
        })
        return cookie
    }

    static func hiddenCSRF(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    func seed(_ app: Application) async throws {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
        _ = try await makeAgent(app, email: "ana@example.com")
        _ = try await replayMax(app, [Data(Self.hostilePost.utf8), Data(ReplyLoopTests.customerPost.utf8)])
    }

    @Test func signedOutVisitorsAreSentToTheLoginPage() async throws {
        try await withTestApp { app, _ in
            for path in ["inbox", "conversations/\(UUID())", "live"] {
                try await app.testing().test(.GET, path, afterResponse: { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == "/login")
                })
            }
        }
    }

    @Test func wrongPasswordIsRefused() async throws {
        try await withTestApp { app, _ in
            try await seed(app)
            var csrf = ""
            var cookie = HTTPHeaders()
            try await app.testing().test(.GET, "login", afterResponse: { res in
                csrf = Self.hiddenCSRF(in: res.body.string) ?? ""
                if let set = res.headers.setCookie?["parley_session"] { cookie.cookie = ["parley_session": set] }
            })
            try await app.testing().test(.POST, "login", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "email": "ana@example.com", "password": "wrong"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("Wrong email or password."))
            })
        }
    }

    @Test func repeatedWrongPasswordsAreThrottled() async throws {
        try await withTestApp { app, clock in
            try await seed(app)
            var csrf = ""
            var cookie = HTTPHeaders()
            try await app.testing().test(.GET, "login", afterResponse: { res in
                csrf = Self.hiddenCSRF(in: res.body.string) ?? ""
                if let set = res.headers.setCookie?["parley_session"] { cookie.cookie = ["parley_session": set] }
            })
            func attempt(_ password: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                try await app.testing().test(.POST, "login", headers: cookie, beforeRequest: { req in
                    try req.content.encode(["csrf": csrf, "email": "ana@example.com", "password": password], as: .urlEncodedForm)
                }, afterResponse: { res in
                    status = res.status
                })
                return status
            }
            for _ in 0..<5 { #expect(try await attempt("wrong") == .unauthorized) }
            // Even the right password waits once the limit is reached.
            #expect(try await attempt("secret-password") == .tooManyRequests)
            clock.advance(by: 15 * 60 + 1)
            #expect(try await attempt("secret-password") == .seeOther)
        }
    }

    @Test func queueAndConversationRenderHostileTextAsText() async throws {
        try await withTestApp { app, _ in
            try await seed(app)
            let cookie = try await signIn(app)
            try await app.testing().test(.GET, "inbox", headers: cookie, afterResponse: { res in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("mallory"))
                #expect(!html.contains("<script>alert"))
                #expect(!html.contains("<img src=x"))
                #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
                #expect(html.components(separatedBy: "<tr data-id").count - 1 == 2)
            })
            let id = StableID.make("conversation", StableID.make("handle", "100").uuidString, "7001")
            try await app.testing().test(.GET, "conversations/\(id)", headers: cookie, afterResponse: { res in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(!html.contains("<script>alert"))
                #expect(!html.contains("<img src=x"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"))
                #expect(html.contains("&lt;img src=x onerror=alert(4)&gt;"))
                // Mentions are linked by the autolinker, and nothing else of the post is markup.
                #expect(html.contains(#"<a class="tweet-url username" href="https://twitter.com/AcmeCare" rel="nofollow noopener noreferrer">AcmeCare</a>"#) || html.contains("href=\"https://twitter.com/AcmeCare\""))
            })
        }
    }

    @Test func formsNeedTheSessionsCSRFToken() async throws {
        try await withTestApp { app, _ in
            try await seed(app)
            let cookie = try await signIn(app)
            let id = StableID.make("conversation", StableID.make("handle", "100").uuidString, "7001")
            try await app.testing().test(.POST, "conversations/\(id)/resolve", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": "forged"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .forbidden)
            })
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .open)

            var csrf = ""
            try await app.testing().test(.GET, "conversations/\(id)", headers: cookie, afterResponse: { res in
                csrf = Self.hiddenCSRF(in: res.body.string) ?? ""
            })
            try await app.testing().test(.POST, "conversations/\(id)/replies", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "text": "We're on it!", "channel": "public"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .seeOther)
            })
            #expect(try await OutboxQueries(database: app.db).forConversation(id).map(\.text) == ["We're on it!"])
            try await app.testing().test(.POST, "conversations/\(id)/resolve", headers: cookie, beforeRequest: { req in
                try req.content.encode(["csrf": csrf], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .seeOther)
            })
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .resolved)
        }
    }
}
