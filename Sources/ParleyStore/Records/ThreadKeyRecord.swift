import FluentKit
import Foundation
import ParleyCore

/// Table `thread_keys`: which message (and conversation) each post id, parent id, root id and DM
/// thread leads to. `@unchecked Sendable`: see `HandleRecord`.
final class ThreadKeyRecord: Model, @unchecked Sendable {
    static let schema = "thread_keys"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "key") var key: String
    @Field(key: "role") var role: String
    @Field(key: "message_id") var messageID: UUID
    @OptionalField(key: "conversation_id") var conversationID: UUID?

    init() {}

    func toDomain() throws -> ThreadKeyRow {
        guard let role = ThreadKeyRole(rawValue: role) else {
            throw StoreError.corruptValue(table: Self.schema, column: "role", value: role)
        }
        return ThreadKeyRow(key: key, role: role, messageID: messageID, conversationID: conversationID)
    }
}
