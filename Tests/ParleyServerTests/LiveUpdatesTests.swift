import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// Open pages learn which conversations changed: the processor publishes, the hub fans out.
@Suite struct LiveUpdatesTests {
    @Test func newMessagesAreAnnouncedToEverySubscriber() async throws {
        try await withTestApp { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let hub = app.parleyServices.hub
            let first = await hub.subscribe()
            let second = await hub.subscribe()
            #expect(await hub.subscriberCount == 2)
            _ = try await replayMax(app, [Data(ReplyLoopTests.customerPost.utf8)])
            let expected = StableID.make("conversation", StableID.make("handle", "100").uuidString, "5001")
            for subscription in [first, second] {
                var iterator = subscription.stream.makeAsyncIterator()
                let notice = await iterator.next()
                #expect(notice?.conversationIDs == [expected])
            }
            await hub.unsubscribe(first.id)
            #expect(await hub.subscriberCount == 1)
        }
    }

    @Test func nothingIsAnnouncedForEventsThatChangeNoConversation() async throws {
        try await withTestApp { app, _ in
            let hub = app.parleyServices.hub
            let subscription = await hub.subscribe()
            _ = try await replayMax(app, [Data("not json".utf8)])
            await hub.publish(ChangeNotice(conversationIDs: [], reason: "marker"))
            var iterator = subscription.stream.makeAsyncIterator()
            #expect(await iterator.next()?.reason == "marker")
        }
    }
}
