import Foundation
import ParleyCore
import Testing

/// The packed timeline the reports read: the same entries back whatever order the messages
/// arrived in, to the microsecond, and a damaged entry costs only itself.
@Suite struct ConversationTimelineTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000.123)

    @Test func theOrderNeverDependsOnArrival() {
        let entries = [
            ConversationTimeline.Entry(at: t0.addingTimeInterval(600), kind: .ownPost),
            ConversationTimeline.Entry(at: t0, kind: .mention, intent: .complaint),
            // The brand's DM at the same instant as the customer's reply comes after it.
            ConversationTimeline.Entry(at: t0.addingTimeInterval(900), kind: .ownDM),
            ConversationTimeline.Entry(at: t0.addingTimeInterval(900), kind: .reply, intent: .question),
        ]
        var forward = ConversationTimeline(), backward = ConversationTimeline()
        for entry in entries { forward.add(entry) }
        for entry in entries.reversed() { backward.add(entry) }
        #expect(forward == backward)
        #expect(forward.entries.map(\.kind) == [.mention, .ownPost, .reply, .ownDM])
        #expect(forward.firstCustomer?.intent == .complaint)
    }

    @Test func packingKeepsEveryEntryToTheMicrosecond() {
        let timeline = ConversationTimeline([
            .init(at: t0, kind: .dm, intent: .request),
            .init(at: t0.addingTimeInterval(59.000_001), kind: .ownDM, intent: .praise),  // the brand's intent is not kept
            .init(at: Date(timeIntervalSince1970: 1_300_000_000), kind: .keywordMatch),
        ])
        let read = ConversationTimeline(packed: timeline.packed)
        #expect(read.entries.count == 3)
        #expect(read.entries.map(\.kind) == [.keywordMatch, .dm, .ownDM])
        #expect(read.entries.map(\.intent) == [nil, .request, nil])
        for (a, b) in zip(read.entries, timeline.entries) {
            #expect(abs(a.at.timeIntervalSince(b.at)) < 0.000_001)
        }
        #expect(ConversationTimeline(packed: read.packed) == read)
    }

    @Test func aDamagedEntryIsLeftOut() {
        let read = ConversationTimeline(packed: "mention 1795000000.5 complaint,carrier_pigeon 1795000001,own_post 17x95,,own_post 1795000600 ,email 1795000700 sorcery")
        #expect(read.entries.map(\.kind) == [.mention, .ownPost, .email])
        #expect(read.entries[0].at == Date(timeIntervalSince1970: 1_795_000_000.5))
        #expect(read.entries[2].intent == nil)
        #expect(ConversationTimeline(packed: "").entries.isEmpty)
    }
}
