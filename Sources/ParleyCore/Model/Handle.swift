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

    public init(
        id: UUID, xUserID: String, username: String, name: String, role: HandleRole, terms: [String],
        handoffTemplate: String? = nil, supportEmails: [String] = []
    ) {
        self.id = id
        self.xUserID = xUserID
        self.username = username
        self.name = name
        self.role = role
        self.terms = terms
        self.handoffTemplate = handoffTemplate
        self.supportEmails = supportEmails
    }
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
