import FluentKit
import Foundation
import ParleyCore

/// Table `handles`. Fluent's property wrappers make records mutable reference types, so they
/// must be `@unchecked Sendable` (the one exception STYLE.md allows); a record never leaves the
/// store call that loaded it.
public final class HandleRecord: Model, @unchecked Sendable {
    public static let schema = "handles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "x_user_id") var xUserID: String
    @Field(key: "username") var username: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    /// Brand terms, one per line (portable across SQLite and PostgreSQL, unlike array columns).
    @Field(key: "terms") var terms: String
    @OptionalField(key: "handoff_template") var handoffTemplate: String?
    /// Support addresses, one per line.
    @Field(key: "support_emails") var supportEmails: String
    @Field(key: "verified") var verified: Bool
    @OptionalField(key: "answer_from_handle_id") var answerFromHandleID: UUID?
    /// `PostingLimits` as JSON; nil: X's limits.
    @OptionalField(key: "posting_limits") var postingLimits: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    public init() {}

    init(_ handle: Handle) {
        id = handle.id
        xUserID = handle.xUserID
        username = handle.username
        name = handle.name
        role = handle.role.rawValue
        terms = handle.terms.joined(separator: "\n")
        handoffTemplate = handle.handoffTemplate
        supportEmails = handle.supportEmails.joined(separator: "\n")
        verified = handle.verified
        answerFromHandleID = handle.answerFromHandleID
        postingLimits = try? handle.postingLimitsOverride.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    private func limits() throws -> PostingLimits? {
        guard let postingLimits else { return nil }
        do {
            return try JSONDecoder().decode(PostingLimits.self, from: Data(postingLimits.utf8))
        } catch {
            throw StoreError.corruptValue(table: Self.schema, column: "posting_limits", value: String(postingLimits.prefix(80)))
        }
    }

    func toDomain() throws -> Handle {
        guard let role = HandleRole(rawValue: role) else { throw StoreError.corruptValue(table: Self.schema, column: "role", value: role) }
        return Handle(
            id: try requireID(), xUserID: xUserID, username: username, name: name, role: role,
            terms: terms.split(separator: "\n").map(String.init), handoffTemplate: handoffTemplate,
            supportEmails: supportEmails.split(separator: "\n").map(String.init), verified: verified,
            answerFromHandleID: answerFromHandleID, postingLimitsOverride: try limits())
    }
}
