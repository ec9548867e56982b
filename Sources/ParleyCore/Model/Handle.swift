import Foundation

/// An X account the brand owns and answers from.
public struct Handle: Sendable, Equatable, Codable {
    public var id: UUID
    /// X's numeric user id, as a string (X ids exceed JavaScript's safe integers).
    public var xUserID: String
    public var username: String
    public var name: String
    public var role: HandleRole
    /// Brand terms a customer says without the handle ("adobe", "premiere pro").
    public var terms: [String]
    /// The public reply inviting a customer to DM (`{dm_link}` marks the link); nil: the default.
    public var handoffTemplate: String?
    /// The brand's public support addresses, which are not personal data when a customer quotes them.
    public var supportEmails: [String]
    /// Whether X verified the account: its posting limits depend on it.
    public var verified: Bool
    /// For a marketing handle: the care handle its mentions are answered from (nil: itself).
    public var answerFromHandleID: UUID?
    /// Limits an admin set; nil: X's for the account (`PostingLimits.x(verified:)`).
    public var postingLimitsOverride: PostingLimits?

    public init(
        id: UUID, xUserID: String, username: String, name: String, role: HandleRole, terms: [String],
        handoffTemplate: String? = nil, supportEmails: [String] = [], verified: Bool = true,
        answerFromHandleID: UUID? = nil, postingLimitsOverride: PostingLimits? = nil
    ) {
        self.id = id
        self.xUserID = xUserID
        self.username = username
        self.name = name
        self.role = role
        self.terms = terms
        self.handoffTemplate = handoffTemplate
        self.supportEmails = supportEmails
        self.verified = verified
        self.answerFromHandleID = answerFromHandleID
        self.postingLimitsOverride = postingLimitsOverride
    }

    /// What the handle may send: the admin's limits, or X's.
    public var postingLimits: PostingLimits { postingLimitsOverride ?? .x(verified: verified) }
}

extension Handle {
    /// The handle `reference` names: its id, or its username with or without "@", in any case.
    /// Everything that takes a handle from a person (API queries, routes, the CLI) asks this.
    public static func named(_ reference: String, in handles: [Handle]) -> Handle? {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: reference), let handle = handles.first(where: { $0.id == id }) { return handle }
        let name = (reference.hasPrefix("@") ? reference.dropFirst() : Substring(reference)).lowercased()
        return handles.first { $0.username.lowercased() == name }
    }
}

extension Handle {
    /// The handle a reply on `channel` goes out from: a public reply to a marketing handle's
    /// mention goes from the care handle it names; a DM stays in the account it was sent to.
    public func answeringHandleID(for channel: Channel) -> UUID {
        channel == .public ? (answerFromHandleID ?? id) : id
    }
}
