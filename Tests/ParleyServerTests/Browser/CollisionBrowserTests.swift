import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

extension BrowserTests {
    /// Two agents in two browsers on one conversation: the second sees who is replying, cannot
    /// send, takes over (audited), and then sends; the first sees the change without a reload.
    @Suite struct TwoAgents {
        @Test func theSecondAgentSeesWhoIsReplyingAndMustTakeOver() async throws {
            try await withBrowserDesk { desk in
                try await desk.makeUser(email: "ana@example.com", name: "Ana")
                try await desk.makeUser(email: "ben@example.com", name: "Ben")
                try await desk.deliver([BrowserDesk.customerPost(id: "6001", text: "my card was charged twice")])
                let id = BrowserDesk.conversationID(rootPostID: "6001")

                // Ana starts a reply: typing takes the lock.
                try await desk.signIn(email: "ana@example.com")
                try await desk.open("/conversations/\(id.uuidString)")
                try await desk.browser.find("#reply-text").type("Sorry Casey, looking into it")
                try await desk.browser.waitUntil("Ana holds the reply") {
                    try await CollisionQueries(database: desk.app.db).lock(id, at: desk.clock.now)?.name == "Ana"
                }

                try await withBrowser { second in
                    let ben = BrowserDesk(app: desk.app, clock: desk.clock, browser: second, baseURL: desk.baseURL)
                    try await ben.signIn(email: "ben@example.com")
                    try await ben.open("/conversations/\(id.uuidString)")
                    let notice = try await second.waitFor("#replying-now")
                    #expect(try await notice.text().contains("Ana is replying."))
                    #expect(try await second.find("#send").property("disabled").bool == true)

                    // Take over, then send.
                    try await second.find("#take-over").click()
                    try await second.waitUntil("Ben's Send is enabled") {
                        try await second.find("#send").property("disabled").bool == false
                    }
                    // Ana's page learns it without a reload.
                    try await desk.browser.waitUntil("Ana sees that Ben is replying") {
                        try await desk.browser.find("#replying-now").text().contains("Ben is replying.")
                    }
                    #expect(try await desk.browser.find("#send").property("disabled").bool == true)
                    try await second.find("#reply-text").type("Hi Casey, Ben here: refund on its way.")
                    try await second.find("#send").click()
                    try await second.waitFor(".outbox li.outbox-queued")
                }
                let outbox = try await OutboxQueries(database: desk.app.db).forConversation(id)
                #expect(outbox.map(\.text) == ["Hi Casey, Ben here: refund on its way."])
                let trail = try await AuditQueries(database: desk.app.db).trail(id)
                #expect(trail.contains { $0.action == .tookOver && $0.detail == "the reply from Ana" })
            }
        }
    }
}
