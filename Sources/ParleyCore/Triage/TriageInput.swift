import Foundation

/// One message to triage, with the facts about it that triage reads. Time comes in as a waiting
/// time already computed by the caller, so triage never looks at a clock.
public struct TriageInput: Sendable, Equatable {
    public var text: String
    public var authorFollowers: Int?
    public var authorVerified: Bool
    /// How long the customer has waited for an answer, in seconds.
    public var waitingSeconds: Double
    /// The brand's own public support addresses, which are not personal data when quoted.
    public var brandSupportEmails: [String]
    /// The brand account's numeric X user id, for the DM deep link in a handoff reply.
    public var brandUserID: String?
    /// The handle's own handoff reply (`TriageHandoffAdvice.replyTemplate`); nil: the triager's.
    public var handoffTemplate: String?

    public init(
        text: String, authorFollowers: Int? = nil, authorVerified: Bool = false, waitingSeconds: Double = 0,
        brandSupportEmails: [String] = [], brandUserID: String? = nil, handoffTemplate: String? = nil
    ) {
        self.text = text
        self.authorFollowers = authorFollowers
        self.authorVerified = authorVerified
        self.waitingSeconds = waitingSeconds
        self.brandSupportEmails = brandSupportEmails
        self.brandUserID = brandUserID
        self.handoffTemplate = handoffTemplate
    }
}
