import Foundation
import Testing
@testable import ParleyCore

/// The planner's threading, dedupe and classification rules, event by event, with no store:
/// each test feeds the index the planner left behind back into the next plan, as the store would.
@Suite struct IngestPlannerTests {
    static let care = Handle(
        id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care,
        terms: ["acme", "acme phone"])
    static let marketing = Handle(
        id: StableID.make("handle", "200"), xUserID: "200", username: "Acme", name: "Acme", role: .marketing, terms: [])
    let planner = IngestPlanner(brand: BrandDirectory(handles: [care, marketing]))
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// A tiny in-memory store: applies plans to an index the way ParleyStore does to its tables.
    struct Desk {
        var index = ThreadIndex()
        var tallies: [IngestPlan.Tally] = []

        mutating func apply(_ plan: IngestPlan) {
            for (id, c) in plan.conversations { index.conversations[id] = c }
            for (id, m) in plan.messages {
                index.messages[id] = m
                index.versionRanks[id] = plan.versionRanks[id] ?? 1
            }
            for c in plan.customers.values { index.customers[c.xUserID] = c }
            for row in plan.newKeys { index.register(row) }
            for (message, conversation) in plan.adopted {
                for (key, rows) in index.keyRows {
                    index.keyRows[key] = rows.map { r in
                        var r = r
                        if r.messageID == message { r.conversationID = conversation }
                        return r
                    }
                }
            }
            tallies.append(plan.tally)
        }

        var conversations: [Conversation] { Array(index.conversations.values) }
        func messages(in id: UUID) -> [Message] {
            index.messages.values.filter { $0.conversationID == id }.sorted { $0.createdAt < $1.createdAt }
        }
    }

    func feed(_ desk: inout Desk, _ events: InboundEvent...) {
        desk.apply(planner.plan(events, index: desk.index))
    }

    func post(
        _ id: String, by author: String, at offset: TimeInterval, text: String = "hello", root: String? = nil,
        replyTo: String? = nil, replyToUser: String? = nil, mentions: [String] = [], edits: [String] = [],
        retweetOf: (String, String)? = nil, tags: [String] = []
    ) -> InboundEvent {
        InboundEvent(posts: [
            InboundPost(
                id: id, editHistory: edits, text: text, authorID: author, createdAt: t0.addingTimeInterval(offset),
                conversationID: root ?? id, inReplyToPostID: replyTo, inReplyToUserID: replyToUser,
                retweetedPostID: retweetOf?.0, retweetedAuthorID: retweetOf?.1, mentionedUsernames: mentions,
                matchingTags: tags)
        ], users: [InboundUser(id: author, username: "user\(author)", name: "User \(author)", followersCount: 10)])
    }

    /// The handle's own handoff reply and support address reach triage: the reply carries the
    /// handle's DM link, and the address the customer quotes back is not their personal data.
    @Test func triageUsesTheHandlesHandoffReplyAndSupportAddresses() throws {
        let triager = try #require(TriagerTests.triager)
        var care = Self.care
        care.handoffTemplate = "Let's take this private, DM us: {dm_link}"
        care.supportEmails = ["help@acme.example"]
        let planner = IngestPlanner(brand: BrandDirectory(handles: [care]), triager: triager)
        let text = "@AcmeCare order W123456789 never arrived, I emailed help@acme.example twice already"
        let plan = planner.plan([post("1", by: "9", at: 0, text: text, mentions: ["AcmeCare"])], index: ThreadIndex())
        let triage = try #require(plan.messages.values.first?.triage)
        #expect(triage.handoff == .dm)
        #expect(triage.suggestedReply == "Let's take this private, DM us: https://x.com/messages/compose?recipient_id=100")
        #expect(triage.personalData == [.orderNumber])

        let plain = IngestPlanner(brand: BrandDirectory(handles: [Self.care]), triager: triager)
            .plan([post("1", by: "9", at: 0, text: text, mentions: ["AcmeCare"])], index: ThreadIndex())
        let defaults = try #require(plain.messages.values.first?.triage)
        #expect(defaults.suggestedReply?.hasPrefix("We'd like to help with this.") == true)
        // Unconfigured, a role address at the addressed brand's domain is still the brand's own;
        // a person's address there is theirs.
        #expect(defaults.personalData == [.orderNumber])
        let personal = IngestPlanner(brand: BrandDirectory(handles: [Self.care]), triager: triager)
            .plan([post("1", by: "9", at: 0, text: "@AcmeCare order W123456789, write to jo.bloggs@acme.example", mentions: ["AcmeCare"])], index: ThreadIndex())
        #expect(Set(try #require(personal.messages.values.first?.triage).personalData) == [.orderNumber, .email])
    }

    @Test func mentionOpensConversationAndCustomerReplyJoinsIt() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, mentions: ["AcmeCare"]))
        feed(&desk, post("2", by: "9", at: 60, root: "1", replyTo: "1", replyToUser: "9", mentions: ["AcmeCare"]))
        #expect(desk.conversations.count == 1)
        let conversation = desk.conversations[0]
        #expect(conversation.handleID == Self.care.id)
        #expect(desk.messages(in: conversation.id).map(\.kind) == [.mention, .reply])
        #expect(conversation.awaitingReplySince == t0)
    }

    @Test func ownReplyJoinsAndNeverOpens() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, mentions: ["AcmeCare"]))
        feed(&desk, post("2", by: "100", at: 30, root: "1", replyTo: "1", replyToUser: "9"))
        #expect(desk.conversations.count == 1)
        let conversation = desk.conversations[0]
        #expect(desk.messages(in: conversation.id).map(\.kind) == [.mention, .ownPost])
        #expect(conversation.awaitingReplySince == nil)
        // A brand post answering nothing we know stays out of every conversation.
        feed(&desk, post("3", by: "100", at: 40, text: "Big news!"))
        #expect(desk.conversations.count == 1)
    }

    @Test func sameEventTwiceIsOneMessage() {
        var desk = Desk()
        let event = post("1", by: "9", at: 0, mentions: ["AcmeCare"])
        feed(&desk, event)
        feed(&desk, event)
        #expect(desk.index.messages.count == 1)
        #expect(desk.tallies.last?.duplicates == 1)
        // Twice in one batch too.
        var other = Desk()
        other.apply(planner.plan([event, event], index: other.index))
        #expect(other.index.messages.count == 1)
    }

    @Test func replyBeforeItsParentJoinsOnceTheParentArrives() {
        var desk = Desk()
        feed(&desk, post("2", by: "9", at: 60, root: "1", replyTo: "1", replyToUser: "9"))
        #expect(desk.conversations.isEmpty)
        feed(&desk, post("1", by: "9", at: 0, mentions: ["AcmeCare"]))
        #expect(desk.conversations.count == 1)
        let id = desk.conversations[0].id
        #expect(desk.messages(in: id).map(\.xID) == ["1", "2"])
        #expect(desk.conversations[0].messageCount == 2)
    }

    @Test func brandReplyBeforeTheCustomerPostIsAdopted() {
        var desk = Desk()
        feed(&desk, post("2", by: "100", at: 60, root: "1", replyTo: "1", replyToUser: "9"))
        feed(&desk, post("1", by: "9", at: 0, mentions: ["AcmeCare"]))
        let id = desk.conversations[0].id
        #expect(desk.messages(in: id).map(\.kind) == [.mention, .ownPost])
        #expect(desk.conversations[0].awaitingReplySince == nil)
    }

    @Test func editSupersedesEarlierVersionInBothOrders() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, text: "helo", mentions: ["AcmeCare"]))
        feed(&desk, post("5", by: "9", at: 10, text: "hello", mentions: ["AcmeCare"], edits: ["1", "5"]))
        #expect(desk.index.messages.count == 1)
        #expect(desk.index.messages.values.first?.text == "hello")
        #expect(desk.index.messages.values.first?.xID == "1")
        // The old version arriving late changes nothing.
        feed(&desk, post("1", by: "9", at: 0, text: "helo", mentions: ["AcmeCare"]))
        #expect(desk.index.messages.values.first?.text == "hello")
    }

    @Test func repliesOfDifferentCustomersToABrandPostAreSeparateCases() {
        var desk = Desk()
        feed(&desk, post("1", by: "100", at: 0, text: "We are live!"))
        feed(&desk, post("2", by: "9", at: 10, root: "1", replyTo: "1", replyToUser: "100"))
        feed(&desk, post("3", by: "8", at: 20, root: "1", replyTo: "1", replyToUser: "100"))
        #expect(desk.conversations.count == 2)
        #expect(Set(desk.conversations.map(\.customerID)).count == 2)
    }

    @Test func dmJoinsTheCustomersOpenPublicCase() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, mentions: ["AcmeCare"]))
        let dm = InboundDM(id: "d1", text: "my order is 12345", senderID: "9", recipientID: "100", dmConversationID: "9-100", createdAt: t0.addingTimeInterval(100))
        feed(&desk, InboundEvent(dms: [dm]))
        let reply = InboundDM(id: "d2", text: "thanks", senderID: "100", recipientID: "9", dmConversationID: "9-100", createdAt: t0.addingTimeInterval(200))
        feed(&desk, InboundEvent(dms: [reply]))
        #expect(desk.conversations.count == 1)
        let conversation = desk.conversations[0]
        #expect(conversation.hasDM && conversation.hasPublic)
        #expect(desk.messages(in: conversation.id).map(\.kind) == [.mention, .dm, .ownDM])
    }

    @Test func dmWithoutPublicCaseOpensADMCase() {
        var desk = Desk()
        let dm = InboundDM(id: "d1", text: "hi", senderID: "9", recipientID: nil, dmConversationID: "100-9", createdAt: t0)
        feed(&desk, InboundEvent(dms: [dm]))
        #expect(desk.conversations.count == 1)
        #expect(desk.conversations[0].hasDM && !desk.conversations[0].hasPublic)
    }

    @Test func pureRetweetOpensNothingByDefault() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, text: "RT @AcmeCare: news", retweetOf: ("50", "100")))
        #expect(desk.conversations.isEmpty)
        #expect(desk.index.messages.values.first?.kind == .retweet)
        let opening = IngestPlanner(brand: planner.brand, options: PipelineOptions(retweetsOpenConversations: true))
        let plan = opening.plan([post("1", by: "9", at: 0, retweetOf: ("50", "100"))], index: ThreadIndex())
        #expect(plan.conversations.count == 1)
    }

    @Test func brandTermsAndStreamTagsFindTheHandle() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, text: "my Acme phone died again"))
        feed(&desk, post("2", by: "8", at: 0, text: "no handle, no term", tags: ["handle:AcmeCare"]))
        feed(&desk, post("3", by: "7", at: 0, text: "acmes are not acme-less? nope: macmeister"))
        #expect(desk.index.messages.values.filter { $0.kind == .keywordMatch }.count == 3)
        #expect(desk.conversations.count == 3)
        feed(&desk, post("4", by: "6", at: 0, text: "macmeister only"))
        #expect(desk.conversations.count == 3)
        #expect(desk.tallies.last?.unrelated == 1)
    }

    @Test func careHandleWinsOverMarketingWhenBothMentioned() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, mentions: ["Acme", "AcmeCare"]))
        #expect(desk.conversations.first?.handleID == Self.care.id)
    }

    @Test func resolvedCaseReopensWhenTheCustomerWritesAgain() {
        var desk = Desk()
        feed(&desk, post("1", by: "9", at: 0, mentions: ["AcmeCare"]))
        let id = desk.conversations[0].id
        feed(&desk, InboundEvent(deskActions: [DeskAction(kind: .resolve, conversationID: id, userID: nil, at: t0)]))
        #expect(desk.index.conversations[id]?.state == .resolved)
        feed(&desk, post("2", by: "100", at: 50, root: "1", replyTo: "1", replyToUser: "9"))
        #expect(desk.index.conversations[id]?.state == .resolved)
        feed(&desk, post("3", by: "9", at: 90, root: "1", replyTo: "2", replyToUser: "100"))
        #expect(desk.index.conversations[id]?.state == .open)
    }

    @Test func oneBatchPlansLikeTheSameEventsOneByOne() {
        let events = [
            post("2", by: "100", at: 60, root: "1", replyTo: "1", replyToUser: "9"),
            post("1", by: "9", at: 0, mentions: ["AcmeCare"]),
            post("3", by: "9", at: 90, root: "1", replyTo: "2", replyToUser: "100"),
            post("4", by: "8", at: 5, text: "acme is down"),
        ]
        var batched = Desk()
        batched.apply(planner.plan(events, index: batched.index))
        var single = Desk()
        for event in events { single.apply(planner.plan([event], index: single.index)) }
        #expect(batched.index.messages == single.index.messages)
        #expect(batched.index.conversations == single.index.conversations)
    }

    @Test func stableIDsAreStableAndDistinct() {
        #expect(StableID.make("message", "1") == StableID.make("message", "1"))
        #expect(StableID.make("message", "1") != StableID.make("message", "2"))
        #expect(StableID.make("a", "bc") != StableID.make("ab", "c"))
    }
}
