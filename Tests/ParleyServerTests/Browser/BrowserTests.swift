import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

/// The web inbox in real headless Chromium (Debian's `chromium` + `chromedriver`), driven over
/// W3C WebDriver against the real app on a real port. One browser at a time: the suites below
/// nest in this one and run serially. `swift test --filter Browser` runs only them.
@Suite(
    .serialized,
    .enabled(if: Chromium.enabled, "needs chromium and chromedriver on PATH (Scripts/ci/install-chromium.sh)"))
struct BrowserTests {}

extension BrowserTests {
    @Suite struct SignIn {
        @Test func theLoginFormOpensTheInbox() async throws {
            try await withBrowserDesk { desk in
                try await desk.makeUser(email: "ana@example.com", name: "Ana")
                try await desk.deliver([BrowserDesk.customerPost(id: "5001", text: "my order never arrived")])
                try await desk.open("/inbox")
                try await desk.browser.waitForPath("/login")  // signed out: sent to the form

                try await desk.browser.find("#email").type("ana@example.com")
                try await desk.browser.find("#password").type(BrowserDesk.password)
                try await desk.browser.find(#"form[action="/login"] button[type="submit"]"#).click()

                try await desk.browser.waitForPath("/inbox")
                #expect(try await desk.browser.find("header .logout span").text() == "Ana (agent)")
                let rows = try await desk.browser.findAll("#queue-rows tr[data-id]")
                #expect(rows.count == 1)
                #expect(try await rows.first?.text().contains("my order never arrived") == true)
            }
        }

        @Test func aWrongPasswordShowsTheErrorAndStaysOnTheLoginPage() async throws {
            try await withBrowserDesk { desk in
                try await desk.makeUser(email: "ana@example.com")
                try await desk.open("/login")
                try await desk.browser.find("#email").type("ana@example.com")
                try await desk.browser.find("#password").type("not-the-password" + Key.enter)

                let alert = try await desk.browser.waitFor(#".login [role="alert"]"#)
                #expect(try await alert.text() == "Wrong email or password.")
                #expect(try await desk.browser.currentPath() == "/login")
                #expect(try await desk.browser.find("#email").property("value") == "ana@example.com")
                #expect(try await desk.browser.find("#password").property("value") == "")
                #expect(try await desk.browser.findAll(#"[data-live="queue"]"#).isEmpty)

                // Still signed out: the inbox sends the browser back to the form.
                try await desk.open("/inbox")
                try await desk.browser.waitForPath("/login")
            }
        }
    }

    @Suite struct LiveQueue {
        @Test func aNewCustomerMessageAppearsWithoutAReload() async throws {
            try await withBrowserDesk { desk in
                try await desk.makeUser(email: "ana@example.com")
                try await desk.deliver([BrowserDesk.customerPost(id: "5001", text: "my order never arrived")])
                try await desk.signIn(email: "ana@example.com")
                #expect(try await desk.browser.findAll("#queue-rows tr[data-id]").count == 1)
                try await desk.markPage()

                try await desk.deliver([BrowserDesk.customerPost(
                    id: "5002", text: "where is my refund?", authorID: "901", name: "Robin", username: "robin")])

                let id = BrowserDesk.conversationID(rootPostID: "5002")
                let row = try await desk.browser.waitFor(#"#queue-rows tr[data-id="\#(id.uuidString)" i]"#)
                let text = try await row.text()
                #expect(text.contains("Robin"))
                #expect(text.contains("where is my refund?"))
                #expect(try await desk.browser.findAll("#queue-rows tr[data-id]").count == 2)
                #expect(try await desk.pageWasNotReloaded())
                #expect(try await desk.browser.currentPath() == "/inbox")
            }
        }
    }
}
