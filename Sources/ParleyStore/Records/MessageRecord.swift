import FluentKit
import Foundation
import ParleyCore

/// Table `messages`: every post, DM and e-mail the desk holds. `@unchecked Sendable`: see `HandleRecord`.
final class MessageRecord: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "x_id") var xID: String
    @Field(key: "x_version_id") var xVersionID: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "conversation_id") var conversationID: UUID?
    @OptionalField(key: "handle_id") var handleID: UUID?
    @Field(key: "author_x_user_id") var authorXUserID: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "in_reply_to_x_id") var inReplyToXID: String?
    @OptionalField(key: "lang") var lang: String?
    @Field(key: "version_rank") var versionRank: Int
    @OptionalField(key: "triage") var triage: String?
    @OptionalField(key: "subject") var subject: String?

    init() {}

    func toDomain() throws -> Message {
        guard let kind = MessageKind(rawValue: kind) else {
            throw StoreError.corruptValue(table: Self.schema, column: "kind", value: kind)
        }
        return Message(
            id: try requireID(), xID: xID, xVersionID: xVersionID, kind: kind, conversationID: conversationID,
            handleID: handleID, authorXUserID: authorXUserID, text: text, createdAt: createdAt,
            inReplyToXID: inReplyToXID, lang: lang, triage: TriageColumns.decodeMessage(triage), subject: subject)
    }
}
