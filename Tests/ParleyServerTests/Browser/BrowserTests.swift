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

        /// A row redrawn live is the row a fresh page load draws (compared as HTML), and the
        /// redraw keeps the agent's checked rows and selected row.
        @Test func aLiveRowEqualsTheFreshRowAndKeepsChecksAndSelection() async throws {
            try await withBrowserDesk { desk in
                let ana = try await desk.makeUser(email: "ana@example.com")
                try await desk.deliver([
                    BrowserDesk.customerPost(id: "5101", text: "my order never arrived"),
                    BrowserDesk.customerPost(id: "5102", text: "where is my refund?", authorID: "901", name: "Robin", username: "robin"),
                ])
                try await desk.signIn(email: "ana@example.com")
                let first = BrowserDesk.conversationID(rootPostID: "5101")
                let second = BrowserDesk.conversationID(rootPostID: "5102")
                let firstRow = #"#queue-rows tr[data-id="\#(first.uuidString)" i]"#
                let secondRow = #"#queue-rows tr[data-id="\#(second.uuidString)" i]"#
                try await desk.browser.find(firstRow + " input[type=checkbox]").click()
                try await desk.browser.execute("document.activeElement.blur();")
                try await desk.browser.press("j")
                let selected = try await desk.browser.execute(
                    ##"var r = document.querySelector("#queue-rows tr[aria-selected='true']"); return r ? r.getAttribute("data-id") : null;"##)
                    .string
                #expect(selected != nil)
                try await desk.markPage()

                // A change the queue must show: a tag and a manual priority on the second case.
                try await desk.app.actions.tag.add(["vip"], to: second, by: ana)
                try await desk.app.actions.setPriority.run(second, to: 95, by: ana)
                try await desk.browser.waitUntil("the second row shows the tag and the priority") {
                    let text = try await desk.browser.find(secondRow).text()
                    return text.contains("vip") && text.contains("95")
                }
                #expect(try await desk.pageWasNotReloaded())
                let stillChecked = try await desk.browser.execute(
                    "return document.querySelector(arguments[0]).checked;", [.string(firstRow + " input[type=checkbox]")]).bool
                #expect(stillChecked == true)
                let stillSelected = try await desk.browser.execute(
                    ##"var r = document.querySelector("#queue-rows tr[aria-selected='true']"); return r ? r.getAttribute("data-id") : null;"##)
                    .string
                #expect(stillSelected == selected)

                let live = try await Self.rowHTML(desk, secondRow)
                try await desk.browser.refresh()
                _ = try await desk.browser.waitFor(secondRow)
                let fresh = try await Self.rowHTML(desk, secondRow)
                #expect(live == fresh)
                #expect(fresh.contains("vip"))
            }
        }

        /// The row's HTML without what the page adds for the agent (the selection).
        static func rowHTML(_ desk: BrowserDesk, _ css: String) async throws -> String {
            try await desk.browser.execute("""
                var row = document.querySelector(arguments[0]).cloneNode(true);
                row.removeAttribute("aria-selected");
                row.classList.remove("selected");
                if (!row.getAttribute("class")) row.removeAttribute("class");
                return row.outerHTML;
                """, [.string(css)]).string ?? ""
        }
    }
}
