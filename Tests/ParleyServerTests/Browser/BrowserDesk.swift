import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// The real desk served over HTTP on 127.0.0.1 (a free port), with a browser pointed at it.
/// Workers stay off, as in `withTestApp`: the test journals and processes posts itself
/// (`deliver`), and the processor's change notices reach open pages through `/live`.
struct BrowserDesk: Sendable {
    let app: Application
    let clock: TestClock
    let browser: WebDriver
    /// `http://127.0.0.1:PORT`.
    let baseURL: String

    static let handle = Handle(
        id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: [])
    static let password = "secret-password"

    func url(_ path: String) -> String { baseURL + path }

    func open(_ path: String) async throws { try await browser.navigate(to: url(path)) }

    /// Journals and processes posts as X would deliver them (workers are off).
    func deliver(_ payloads: [String]) async throws {
        _ = try await replayMax(app, payloads.map { Data($0.utf8) })
    }

    /// A desk user who signs in with `BrowserDesk.password`.
    @discardableResult
    func makeUser(email: String, name: String = "Ana", role: UserRole = .agent) async throws -> DeskUser {
        try await UserQueries(database: app.db).create(
            email: email, name: name, passwordHash: try ParleyApp.hashPassword(Self.password, on: app), role: role,
            at: Date(), id: UUID())
    }

    /// Signs in through the login form, as a person would, and waits for the inbox.
    func signIn(email: String, password: String = BrowserDesk.password) async throws {
        try await open("/login")
        let connections = await liveConnections()
        try await browser.find("#email").type(email)
        try await browser.find("#password").type(password)
        try await browser.find(#"form[action="/login"] button[type="submit"]"#).click()
        try await browser.waitForPath("/inbox")
        try await waitForLive(moreThan: connections)
    }

    /// Open `/live` connections. A page that went away stays counted until the next notice, so
    /// take this before the navigation and pass it to `waitForLive(moreThan:)` after.
    func liveConnections() async -> Int {
        await app.parleyServices.hub.subscriberCount
    }

    /// Waits until the page has opened its live connection (`/live`, Server-Sent Events), so that a
    /// change made now reaches it: one more connection than `before`, and the queue says "live".
    func waitForLive(moreThan before: Int) async throws {
        try await browser.waitUntil("the page's live connection is open") {
            let connections = await liveConnections()
            let shown = try await browser.execute(#"var s = document.getElementById("live-status"); return !s || s.textContent === "live";"#)
            return connections > before && shown.bool == true
        }
    }

    /// Sets a marker on `window`; `pageWasNotReloaded()` is true while the same document is shown.
    func markPage() async throws {
        try await browser.execute("window.__parleyMarker = 'kept';")
    }

    func pageWasNotReloaded() async throws -> Bool {
        try await browser.execute("return window.__parleyMarker === 'kept';").bool == true
    }

    /// The conversation a customer post opens under `BrowserDesk.handle`.
    static func conversationID(rootPostID: String) -> UUID {
        StableID.make("conversation", handle.id.uuidString, rootPostID)
    }

    /// An API v2 post mentioning @AcmeCare (X escapes `&`, `<`, `>` in the text; names come as they are).
    static func customerPost(
        id: String, text: String, authorID: String = "900", name: String = "Casey", username: String = "casey",
        inReplyTo: String? = nil, conversationID: String? = nil
    ) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        var data: [String: Any] = [
            "id": id, "text": "@AcmeCare " + escaped, "author_id": authorID, "created_at": "2026-11-25T10:00:00.000Z",
            "conversation_id": conversationID ?? id, "edit_history_tweet_ids": [id],
            "entities": ["mentions": [["start": 0, "end": 9, "username": "AcmeCare", "id": "100"]]],
        ]
        if let inReplyTo {
            data["referenced_tweets"] = [["type": "replied_to", "id": inReplyTo]]
        }
        let payload: [String: Any] = [
            "data": data,
            "includes": ["users": [["id": authorID, "name": name, "username": username, "public_metrics": ["followers_count": 42]]]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// Builds the real app as `withTestApp` does, serves it on 127.0.0.1 on a free port, seeds
/// @AcmeCare, opens a headless Chromium, runs `body`, and then closes the browser, stops the
/// server and shuts the app down, on every path.
func withBrowserDesk(_ body: (BrowserDesk) async throws -> Void) async throws {
    _ = try Chromium.require()
    try await withTestApp { app, clock in
        try await HandleQueries(database: app.db).upsert(BrowserDesk.handle)
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            guard let port = app.http.server.shared.localAddress?.port else {
                throw WebDriverError(description: "the test server has no port")
            }
            try await withBrowser { browser in
                try await body(BrowserDesk(app: app, clock: clock, browser: browser, baseURL: "http://127.0.0.1:\(port)"))
                // Leave the desk's pages (their live connections close) before the server goes.
                try? await browser.navigate(to: "about:blank")
            }
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }
}
