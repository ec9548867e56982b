import FluentKit
import Foundation

/// Table `templates`: saved replies and their macro actions (a JSON array in `actions`).
/// `@unchecked Sendable`: see `HandleRecord`.
final class TemplateRecord: Model, @unchecked Sendable {
    static let schema = "templates"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "handle_id") var handleID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "body") var body: String
    @Field(key: "actions") var actions: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
