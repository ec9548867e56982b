import Foundation

/// Who asks for a reply to go out.
public enum ReplyOrigin: Sendable, Hashable {
    /// A person pressed send (a template or macro they applied included: those only draft).
    case agent(UUID)
    /// A rule, job or bot, named for the audit trail.
    case automation(String)
}

/// Why a reply may not be queued by whoever asked.
public enum ReplyPolicyError: Error, Hashable, CustomStringConvertible {
    case automatedPublicReply(handle: String)

    public var description: String {
        switch self {
        case let .automatedPublicReply(handle):
            "Automation may only draft public replies for @\(handle): an agent sends them, unless an admin enables auto-replies for the handle."
        }
    }
}

/// Humans send public replies (issue 8, item 7). X's automation rules forbid unsolicited
/// automated public replies and suspend apps that post them, so automation may draft a public
/// reply but only an agent's action sends it, unless an admin has enabled auto-replies for the
/// handle (off by default). DMs answer a customer who wrote to the brand, so an automatic DM
/// (an away message) is allowed.
public enum PublicReplyPolicy {
    public static func check(
        channel: Channel, origin: ReplyOrigin, handleUsername: String, autoRepliesEnabled: Bool
    ) throws(ReplyPolicyError) {
        switch (channel, origin) {
        case (.dm, _), (.email, _), (.public, .agent): return
        case (.public, .automation):
            guard autoRepliesEnabled else { throw .automatedPublicReply(handle: handleUsername) }
        }
    }
}
