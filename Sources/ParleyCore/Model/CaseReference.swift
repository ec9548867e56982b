import Foundation

/// A case's short reference, for people: the first 8 hex digits of its id, in the subject of
/// every e-mail about it (`[Case #3F2A9C1B]`), so a reply that lost its `In-Reply-To` still
/// finds its case.
public enum CaseReference {
    public static func of(_ conversationID: UUID) -> String {
        String(conversationID.uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).uppercased()
    }

    /// `[Case #3F2A9C1B] <subject>` (after a leading "Re: "), unless the subject carries the tag.
    public static func tagged(_ subject: String, conversationID: UUID) -> String {
        let tag = "[Case #\(of(conversationID))]"
        guard !subject.contains(tag) else { return subject }
        return subject.hasPrefix("Re: ") ? "Re: " + tag + " " + subject.dropFirst(4) : tag + " " + subject
    }

    /// The reference quoted in a subject (`Re: [Case #3f2a9c1b] …`), if any.
    public static func find(in subject: String) -> String? {
        guard let range = subject.range(of: "[Case #", options: .caseInsensitive) else { return nil }
        let digits = subject[range.upperBound...].prefix(9)
        guard digits.count == 9, digits.last == "]" else { return nil }
        let reference = digits.dropLast().uppercased()
        return reference.allSatisfy(\.isHexDigit) ? reference : nil
    }
}

/// How a customer known only by e-mail is named where the model names X users: `email:` and the
/// address, lower-cased. Their `Customer.username` is the address.
public enum CustomerIdentity {
    public static let emailPrefix = "email:"

    public static func email(_ address: String) -> String { emailPrefix + address.lowercased() }

    /// The address in an e-mail identity; nil for an X user id.
    public static func address(of identity: String) -> String? {
        identity.hasPrefix(emailPrefix) ? String(identity.dropFirst(emailPrefix.count)) : nil
    }
}
