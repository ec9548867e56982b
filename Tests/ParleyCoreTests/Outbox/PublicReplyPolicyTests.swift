import Foundation
import Testing
@testable import ParleyCore

/// Automation drafts; a human sends public replies unless the handle allows auto-replies.
@Suite struct PublicReplyPolicyTests {
    @Test(arguments: [
        (Channel.public, ReplyOrigin.agent(UUID()), false, true),
        (.public, .agent(UUID()), true, true),
        (.public, .automation("routing rule 3"), false, false),
        (.public, .automation("routing rule 3"), true, true),
        (.dm, .automation("away message"), false, true),
        (.dm, .agent(UUID()), false, true),
    ])
    func whoMaySend(channel: Channel, origin: ReplyOrigin, autoReplies: Bool, allowed: Bool) {
        let result = Result { () throws(ReplyPolicyError) in
            try PublicReplyPolicy.check(channel: channel, origin: origin, handleUsername: "AcmeCare", autoRepliesEnabled: autoReplies)
        }
        #expect((try? result.get()) != nil ? allowed : !allowed)
    }

    @Test func theRefusalSaysWhatToDo() {
        #expect(throws: ReplyPolicyError.automatedPublicReply(handle: "AcmeCare")) {
            try PublicReplyPolicy.check(channel: .public, origin: .automation("bot"), handleUsername: "AcmeCare", autoRepliesEnabled: false)
        }
        #expect(ReplyPolicyError.automatedPublicReply(handle: "AcmeCare").description.contains("an admin enables auto-replies"))
    }
}
