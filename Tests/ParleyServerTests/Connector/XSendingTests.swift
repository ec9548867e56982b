import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
@testable import ParleyServer

/// The sender's real transport against the fake X: one post per reply even across a crash, and
/// X's refusals as failures the agent can read.
@Suite(.serialized) struct XSendingTests {
    func sender(_ h: ConnectorHarness, crash: Bool = false, lease: Double = 30) -> Sender {
        let services = h.app.parleyServices
        return Sender(
            database: h.app.db, transport: h.x.transport, ingestor: ParleyApp.ingestor(for: h.app), effects: services.effects,
            metrics: services.metrics, owner: "sender-\(UUID().uuidString.prefix(6))", leaseSeconds: lease,
            faults: Sender.Faults(crashAfterDelivery: crash))
    }

    /// Polls the mentions in and queues a reply of `channel` to the newest conversation.
    func queueReply(_ h: ConnectorHarness, _ handle: Handle, channel: ParleyCore.Channel, text: String) async throws -> OutboxItem {
        _ = try await h.poll(.mentions, handle)
        try await ParleyApp.processor(for: h.app).drain()
        let page = try await ConversationQueries(database: h.app.db).page(state: .open, handleID: nil, limit: 1, after: nil)
        let conversation = try #require(page.items.first?.conversation)
        let detail = try #require(try await ConversationQueries(database: h.app.db).detail(conversation.id))
        let last = try #require(detail.messages.last { $0.authorXUserID != handle.xUserID })
        let item = OutboxItem(
            id: UUID(), conversationID: conversation.id, handleID: handle.id, channel: channel, text: text,
            inReplyToXID: channel == .public ? last.xID : nil,
            recipientXUserID: channel == .dm ? detail.customer.xUserID : nil, state: .queued, attempts: 0, xID: nil, error: nil,
            createdBy: nil, createdAt: Date(), sentAt: nil)
        try await OutboxQueries(database: h.app.db).enqueue(item)
        return item
    }

    @Test func aCrashBetweenXsAcceptAndTheLocalRecordEndsWithExactlyOnePost() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            let text = "Sorry about that! Please DM us and we'll sort it out."
            let item = try await queueReply(h, handle, channel: .public, text: text)
            await #expect(throws: Sender.InjectedCrash.self) { try await sender(h, crash: true, lease: 0.2).runOnce() }
            try await Task.sleep(for: .milliseconds(300))
            let outcome = try await sender(h).runOnce()
            guard case .reconciled(let id, let xID) = outcome else { Issue.record("expected reconciled, got \(outcome)"); return }
            #expect(id == item.id)
            let posts = await h.fake.world.posts(by: FakeXSeed.brandUserID).filter { $0.text == text }
            #expect(posts.count == 1)
            #expect(posts.first?.id == xID)
            #expect(posts.first?.referencedTweets.first { $0.type == "replied_to" }?.id == item.inReplyToXID)
            #expect(await h.requests("/2/tweets").filter { $0.method == "POST" }.count == 1)
            #expect(try await sender(h).runOnce() == .idle)
        }
    }

    @Test func aReplyAndADMGoOutOnceAndAreBilled() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            _ = try await queueReply(h, handle, channel: .public, text: "We're on it.")
            guard case .sent = try await sender(h).runOnce() else { Issue.record("reply not sent"); return }
            _ = try await queueReply(h, handle, channel: .dm, text: "Hi! Could you send us your order number here?")
            let outcome = try await sender(h).runOnce()
            guard case .sent = outcome else { Issue.record("DM not sent: \(outcome)"); return }
            #expect(await h.fake.world.dmEvents().contains { $0.text == "Hi! Could you send us your order number here?" })
            let report = try await XCostReport.build(database: h.app.db, now: Date())
            let line = try #require(report.handles[handle.username]?.today)
            #expect(line.units["post_create"] == 1)
            #expect(line.units["dm_create"] == 1)
        }
    }

    @Test func xsRefusalsBecomeFailuresTheAgentReads() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            _ = try await queueReply(h, handle, channel: .public, text: "Thanks for reaching out!")
            guard case .sent = try await sender(h).runOnce() else { Issue.record("first reply not sent"); return }
            // The same text again in the same conversation: X refuses duplicate content.
            let duplicate = try await queueReply(h, handle, channel: .public, text: "Thanks for reaching out!")
            let outcome = try await sender(h).runOnce()
            guard case .failed(let id, let reason) = outcome else { Issue.record("expected failed, got \(outcome)"); return }
            #expect(id == duplicate.id)
            #expect(reason.contains("duplicate"))
            let stored = try #require(try await OutboxQueries(database: h.app.db).find(duplicate.id))
            #expect(stored.state == .failed)
            #expect(stored.error?.contains("duplicate") == true)
        }
    }
}
