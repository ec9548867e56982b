import FluentKit
import FluentSQL

struct CreateOutbox: AsyncMigration {
    var name: String { "0007_CreateOutbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .id()
            .field("conversation_id", .uuid, .required)
            .field("handle_id", .uuid, .required)
            .field("channel", .string, .required)
            .field("text", .string, .required)
            .field("in_reply_to_x_id", .string)
            .field("recipient_x_user_id", .string)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("x_id", .string)
            .field("error", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await database.requireSQL().create(index: "outbox_state").on("outbox")
            .column("state").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox").delete()
    }
}
