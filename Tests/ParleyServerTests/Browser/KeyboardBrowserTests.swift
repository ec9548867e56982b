import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

extension BrowserTests {
    /// The desk with the keyboard alone: every step below is a key press on the page (the Actions
    /// API), never a click or a script: Tab, Enter, typing and the composer's "/" template picker.
    @Suite struct KeyboardOnly {
        @Test func signInOpenReplyWithATemplateAndResolve() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser
                try await desk.makeUser(email: "ana@example.com")
                _ = try await TemplateQueries(database: desk.app.db).create(
                    handleID: nil, name: "Refund", body: "Sorry about that, {{customer.name}}! Could you DM us the order number?",
                    actions: [], at: Date(), id: UUID())
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

                // Reply with a template: "/" plus a filter opens the picker, Enter inserts the
                // template rendered for this customer; then more typing, Tab to Send, Enter.
                try await browser.tab(to: "#reply-text")
                try await browser.press("/refu")
                try await browser.waitFor(#"#template-picker:not([hidden]) [role="option"][aria-selected="true"]"#)
                try await browser.press(Key.enter)
                let box = try await browser.find("#reply-text")
                try await browser.waitUntil("the template is in the reply box") {
                    try await box.property("value").string?.contains("Sorry about that, Casey!") == true
                }
                try await browser.press(" Thanks.")
                let reply = try #require(try await box.property("value").string)
                #expect(reply.hasSuffix("Could you DM us the order number? Thanks."))
                try await browser.tab(to: "form.composer button[type='submit']")
                try await browser.press(Key.enter)
                let queued = try await browser.waitFor(".outbox li.outbox-queued")
                #expect(try await queued.text().contains("Could you DM us the order number? Thanks."))
                let outbox = try await OutboxQueries(database: desk.app.db).forConversation(id)
                #expect(outbox.map(\.text) == [reply])
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
