import Foundation
import Testing

extension BrowserTests {
    /// A post whose text and author name are markup is shown as text on every path that draws it:
    /// the queue as the server renders it and as live.js redraws it, and the conversation likewise.
    @Suite struct HostileText {
        static let markup = #"<script>window.__xss=1</script><img src=x onerror="window.__xss=2">"#

        /// The literal markup is visible in `css`, which holds no `img` and no `script`, and nothing ran.
        func expectShownAsText(_ desk: BrowserDesk, in css: String, count: Int = 1) async throws {
            let container = try await desk.browser.find(css)
            let text = try await container.text()
            #expect(text.components(separatedBy: Self.markup).count - 1 == count, "\(css) shows: \(text)")
            #expect(try await container.findAll("img, script").isEmpty, "\(css) holds markup from the post")
            #expect(try await desk.browser.execute("return typeof window.__xss;") == "undefined")
        }

        @Test func rendersAsTextInTheQueueAndTheConversation() async throws {
            try await withBrowserDesk { desk in
                try await desk.makeUser(email: "ana@example.com")
                try await desk.signIn(email: "ana@example.com")
                let id = BrowserDesk.conversationID(rootPostID: "7001")
                let row = #"#queue-rows tr[data-id="\#(id.uuidString)" i]"#

                // Drawn by live.js from the JSON API.
                try await desk.deliver([BrowserDesk.customerPost(
                    id: "7001", text: Self.markup, authorID: "666", name: Self.markup, username: "mallory")])
                try await desk.browser.waitFor(row)
                try await expectShownAsText(desk, in: row, count: 2)  // the name and the preview

                // Drawn by the server.
                try await desk.browser.refresh()
                try await desk.browser.waitFor(row)
                try await expectShownAsText(desk, in: row, count: 2)

                let connections = await desk.liveConnections()
                try await desk.browser.find(row + " a").click()
                try await desk.browser.waitForPath("/conversations/\(id.uuidString)")
                try await desk.waitForLive(moreThan: connections)
                try await expectShownAsText(desk, in: ".customer-card h2")
                try await expectShownAsText(desk, in: "#messages")

                // A second hostile message, drawn into the open conversation by live.js.
                try await desk.markPage()
                try await desk.deliver([BrowserDesk.customerPost(
                    id: "7002", text: Self.markup, authorID: "666", name: Self.markup, username: "mallory",
                    inReplyTo: "7001", conversationID: "7001")])
                try await desk.browser.waitUntil("the second message is drawn") {
                    try await desk.browser.findAll("#messages li").count == 2
                }
                try await expectShownAsText(desk, in: "#messages", count: 2)
                #expect(try await desk.pageWasNotReloaded())
            }
        }
    }
}
