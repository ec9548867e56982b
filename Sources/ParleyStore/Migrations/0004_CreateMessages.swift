import FluentKit
import FluentSQL

struct CreateMessages: AsyncMigration {
    var name: String { "0004_CreateMessages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("messages")
            .id()
            .field("x_id", .string, .required)
            .field("x_version_id", .string, .required)
            .field("kind", .string, .required)
            .field("conversation_id", .uuid)
            .field("handle_id", .uuid)
            .field("author_x_user_id", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("in_reply_to_x_id", .string)
            .field("lang", .string)
            .field("version_rank", .int, .required)
            .create()
        let sql = try database.requireSQL()
        try await sql.create(index: "messages_conversation").on("messages")
            .column("conversation_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("messages").delete()
    }
}
