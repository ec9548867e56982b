import Foundation

/// Whether to move a conversation to DM, and the public reply that invites the customer there.
public struct TriageHandoffAdvice: Sendable {
    /// The handle's template; `{dm_link}` is replaced by X's DM deep link for the brand account.
    public var replyTemplate: String

    /// Fits a complaint, a request and a question alike.
    public static let defaultTemplate =
        "We'd like to help with this. To keep your details private, please send us a DM: {dm_link}"

    /// Why a handle's template cannot be used, or nil: it must hold `{dm_link}` once and, with X's
    /// longest DM link in its place, be a valid post.
    public static func problem(with template: String) -> String? {
        let parts = template.components(separatedBy: "{dm_link}")
        guard parts.count == 2 else { return "The reply must contain {dm_link} exactly once." }
        let longest = parts.joined(separator: "https://x.com/messages/compose?recipient_id=18446744073709551615")
        guard TweetTextParser.parse(longest).isValid else {
            return "The reply, with the DM link in place, must be a valid post of at most 280 weighted characters."
        }
        return nil
    }

    public init(replyTemplate: String = TriageHandoffAdvice.defaultTemplate) {
        self.replyTemplate = replyTemplate
    }

    func advise(
        personalData: [PersonalDataHit], upset: Int, complexity: TriageComplexity, intent: TriageIntent, brandUserID: String?
    ) -> TriageHandoff {
        var reasons: [String] = []
        var seen = Set<PersonalDataKind>()
        for hit in personalData where seen.insert(hit.kind).inserted {
            reasons.append("contains \(hit.kind.phrase)")
        }
        if upset == 2 { reasons.append("customer upset") }
        if complexity.factors.contains(.accountSpecific) { reasons.append("account-specific") }
        // A troll is not invited to a private channel, whatever else the post holds.
        guard !reasons.isEmpty, intent != .spamTroll else {
            return TriageHandoff(advice: .public, reasons: intent == .spamTroll ? ["offensive: do not engage privately"] : [], suggestedReply: nil)
        }
        return TriageHandoff(advice: .dm, reasons: reasons, suggestedReply: reply(brandUserID: brandUserID))
    }

    /// The public reply, with X's DM deep link to the brand account in place of `{dm_link}`.
    public func reply(brandUserID: String?) -> String {
        let link = brandUserID.map(TemplateRenderer.dmLink(toXUserID:)) ?? "https://x.com/messages"
        return replyTemplate.split(separator: "{dm_link}", omittingEmptySubsequences: false).joined(separator: link)
    }
}
