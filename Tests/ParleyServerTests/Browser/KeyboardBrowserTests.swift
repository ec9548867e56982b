import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

extension BrowserTests {
    /// The desk with the keyboard alone: every step below is a key press on the page (the Actions
    /// API), never a click or a script. What the UI offers today is Tab, Enter and typing.
    @Suite struct KeyboardOnly {
        @Test func signInOpenReplyAndResolve() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser
                try await desk.makeUser(email: "ana@example.com")
                try await desk.deliver([BrowserDesk.customerPost(id: "5001", text: "my order never arrived")])
                let id = BrowserDesk.conversationID(rootPostID: "5001")

                // The email field has the focus when the form opens.
                try await desk.open("/login")
                try await browser.waitUntil("the email field has the focus") { try await browser.activeElement().matches("#email") }
                try await browser.press("ana@example.com" + Key.tab + BrowserDesk.password + Key.enter)
                try await browser.waitForPath("/inbox")

                // Open the first conversation of the queue.
                try await browser.tab(to: "#queue-rows tr:first-child a[href^='/conversations/']")
                try await browser.press(Key.enter)
                try await browser.waitForPath("/conversations/\(id.uuidString)")

                // Reply: type into the composer, then Tab to Send and press Enter.
                try await browser.tab(to: "#reply-text")
                try await browser.press("Sorry about that, Casey! Could you DM us the order number?")
                try await browser.tab(to: "form.composer button[type='submit']")
                try await browser.press(Key.enter)
                let queued = try await browser.waitFor(".outbox li.outbox-queued")
                #expect(try await queued.text().contains("Sorry about that, Casey! Could you DM us the order number?"))
                let outbox = try await OutboxQueries(database: desk.app.db).forConversation(id)
                #expect(outbox.map(\.text) == ["Sorry about that, Casey! Could you DM us the order number?"])
                #expect(outbox.map(\.state) == [.queued])
                #expect(outbox.map(\.channel) == [.public])

                // Resolve: back to the inbox, where the conversation is no longer open.
                try await browser.tab(to: "form[action$='/resolve'] button")
                try await browser.press(Key.enter)
                try await browser.waitForPath("/inbox")
                #expect(try await browser.findAll("#queue-rows tr[data-id]").isEmpty)
                #expect(try await ConversationQueries(database: desk.app.db).find(id)?.state == .resolved)
            }
        }
    }
}
