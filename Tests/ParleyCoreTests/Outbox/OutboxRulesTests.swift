import Foundation
import Testing
@testable import ParleyCore

@Suite struct OutboxRulesTests {
    @Test(arguments: [
        (OutboxState.queued, OutboxState.sending, true), (.sending, .sent, true), (.sending, .failed, true),
        (.failed, .queued, true), (.sending, .sending, true), (.queued, .sent, false), (.sent, .sending, false),
        (.sent, .queued, false), (.failed, .sent, false),
    ])
    func transitions(from: OutboxState, to: OutboxState, allowed: Bool) {
        #expect(from.canMove(to: to) == allowed)
        #expect((try? from.moving(to: to)) == (allowed ? to : nil))
    }

    @Test func draftRules() throws {
        #expect(throws: ReplyDraftError.empty) { try ReplyDraft(text: "  \n ", channel: .public) }
        #expect(throws: ReplyDraftError.tooLong(weighted: 281, limit: 280)) {
            try ReplyDraft(text: String(repeating: "a", count: 281), channel: .public)
        }
        // CJK weighs 2: 141 ideographs are 282.
        #expect(throws: ReplyDraftError.tooLong(weighted: 282, limit: 280)) {
            try ReplyDraft(text: String(repeating: "漢", count: 141), channel: .public)
        }
        #expect(try ReplyDraft(text: String(repeating: "a", count: 281), channel: .dm).channel == .dm)
        #expect(try ReplyDraft(text: "  hi  ", channel: .public).text == "hi")
    }

    @Test func publicReplyAnswersTheLatestCustomerPost() throws {
        let t = Date(timeIntervalSince1970: 0)
        func m(_ x: String, _ kind: MessageKind, _ s: TimeInterval) -> Message {
            Message(id: UUID(), xID: x, xVersionID: x, kind: kind, conversationID: nil, handleID: nil, authorXUserID: "9",
                    text: "", createdAt: t.addingTimeInterval(s), inReplyToXID: nil, lang: nil)
        }
        let messages = [m("1", .mention, 0), m("2", .reply, 10), m("3", .ownPost, 20), m("4", .dm, 30)]
        let draft = try ReplyDraft(text: "hi", channel: .public)
        #expect(try ReplyTarget.of(draft, messages: messages, customerXUserID: "9").inReplyToXID == "2")
        let dm = try ReplyDraft(text: "hi", channel: .dm)
        #expect(try ReplyTarget.of(dm, messages: messages, customerXUserID: "9").recipientXUserID == "9")
        #expect(throws: ReplyDraftError.noPostToReplyTo) { try ReplyTarget.of(draft, messages: [m("4", .dm, 0)], customerXUserID: "9") }
    }

    @Test func conversationStateTransitions() throws {
        #expect(try ConversationState.open.resolving() == .resolved)
        #expect(throws: ConversationState.TransitionError.alreadyInState(.resolved)) { try ConversationState.resolved.resolving() }
        #expect(try ConversationState.resolved.reopening() == .open)
        #expect(ConversationState.resolved.afterMessage(fromCustomer: false) == .resolved)
    }
}

@Suite struct ReplyDraftWeightTests {
    /// A URL weighs 23 whatever its length, as on X: a reply with a long link still fits.
    @Test func urlsWeighTwentyThree() throws {
        let link = "https://example.com/" + String(repeating: "a", count: 200)
        let text = String(repeating: "b", count: 250) + " " + link
        #expect(try ReplyDraft(text: text, channel: .public).text == text)
        #expect(throws: ReplyDraftError.tooLong(weighted: 281, limit: 280)) {
            try ReplyDraft(text: String(repeating: "b", count: 257) + " " + link, channel: .public)
        }
    }

    @Test func dmLimitIsTenThousand() throws {
        #expect(try ReplyDraft(text: String(repeating: "x", count: 10_000), channel: .dm).channel == .dm)
        #expect(throws: ReplyDraftError.tooLong(weighted: 10_001, limit: 10_000)) {
            try ReplyDraft(text: String(repeating: "x", count: 10_001), channel: .dm)
        }
    }
}
