import Foundation
import ParleyCore
import Testing

@Suite struct TopicsTests {
    @Test func agreementMatchesTheTextbookValues() {
        #expect(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [5, 5, 7, 7]) == 1)
        #expect(abs(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-12)
        #expect(abs(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 4.0 / 7) < 1e-12)
        #expect(abs(ClusterAgreement.normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2]) - 0.8) < 1e-12)
        #expect(abs(ClusterAgreement.normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])) < 1e-12)
    }

    /// Reports of two problems, worded differently, fall into two topics labelled by their words;
    /// a message with no content words joins none.
    @Test func messagesAboutOneProblemShareATopicAndItsLabel() {
        var clusterer = TopicClusterer()
        let refunds = [
            "@shop still waiting for my refund after returning the jacket",
            "@shop where is my refund? returned the parcel two weeks ago",
            "@shop refund for my returned shoes never arrived",
        ]
        let passwords = [
            "@shop password reset email never comes",
            "@shop cannot reset my password, no reset email",
            "@shop the password reset link is broken",
        ]
        let a = refunds.map { clusterer.assign($0) }
        let b = passwords.map { clusterer.assign($0) }
        #expect(Set(a).count == 1 && Set(b).count == 1)
        #expect(a[0] != b[0])
        let topics = clusterer.topics
        #expect(topics[a[0]!].label.contains("refund"))
        #expect(topics[b[0]!].label.hasPrefix("password") || topics[b[0]!].label.hasPrefix("reset"))
        #expect(!topics[a[0]!].label.contains("@"))
        #expect(clusterer.assign("@shop hi!!") == nil)
        #expect(clusterer.topics.count == 2)
    }

    /// The same complaint to two brands is two topics: each is about one brand's product.
    @Test func brandsAddressedKeepTopicsApart() {
        var clusterer = TopicClusterer()
        let one = clusterer.assign("@AirOne my flight got cancelled and no rebooking")
        let two = clusterer.assign("@AirTwo my flight got cancelled and no rebooking")
        let again = clusterer.assign("@airone flight cancelled, rebooking please")
        #expect(one != two)
        #expect(again == one)
    }
}

@Suite struct TopicDigestTests {
    /// Per handle: the brand's own name is not a topic word; the last day's burst is a trend;
    /// bug reports are counted; hashtags are counted once per message.
    @Test func aDigestGroupsTrendsAndCountsPerHandle() throws {
        let acme = Handle(id: UUID(), xUserID: "1", username: "AcmeCare", name: "Acme Care", role: .care, terms: ["Acme"])
        let other = Handle(id: UUID(), xUserID: "2", username: "OtherHelp", name: "Other", role: .care, terms: [])
        let to = try Date("2026-12-04T12:00:00Z", strategy: .iso8601)
        let from = to.addingTimeInterval(-7 * 86_400)
        var messages: [TopicMessage] = []
        for n in 0..<6 {  // the app crashing, five in the last day
            messages.append(TopicMessage(conversationID: UUID(), handleID: acme.id, text: "@AcmeCare Acme app crashes at login #fail #fail",
                                         at: to.addingTimeInterval(n == 0 ? -5 * 86_400 : -Double(n) * 3_600)))
        }
        messages.append(TopicMessage(conversationID: UUID(), handleID: other.id, text: "@OtherHelp app crashes at login", at: to.addingTimeInterval(-60)))
        let digest = TopicDigest(messages, handles: [acme, other], from: from, to: to)
        #expect(digest.messages == 7)
        let top = try #require(digest.topics.first)
        #expect(top.handleID == acme.id && top.messages == 6 && top.cases == 6 && top.lastDay == 5 && top.trending)
        #expect(!top.label.lowercased().contains("acme") && top.label.contains("crash"))
        #expect(top.bugs == 6 && top.suggestions == 0 && top.samples.count == 3)
        #expect(digest.topics.count == 2 && digest.topics[1].handleID == other.id && !digest.topics[1].trending)
        #expect(digest.hashtags.map(\.tag) == ["fail"] && digest.hashtags.map(\.uses) == [6] && digest.hashtags.map(\.lastDay) == [5])
    }
}
