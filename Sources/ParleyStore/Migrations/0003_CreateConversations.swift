import FluentKit
import FluentSQL

struct CreateConversations: AsyncMigration {
    var name: String { "0003_CreateConversations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .id()
            .field("handle_id", .uuid, .required)
            .field("customer_id", .uuid, .required)
            .field("state", .string, .required)
            .field("has_public", .bool, .required)
            .field("has_dm", .bool, .required)
            .field("opened_at", .datetime, .required)
            .field("last_message_at", .datetime, .required)
            .field("awaiting_reply_since", .datetime)
            .field("message_count", .int, .required)
            .create()
        let sql = try database.requireSQL()
        // The queue lists a state by last activity, newest first, with the id as tie-breaker.
        try await sql.create(index: "conversations_queue").on("conversations")
            .column("state").column("last_message_at").column("id").run()
        try await sql.create(index: "conversations_customer").on("conversations")
            .column("customer_id").column("state").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("conversations").delete()
    }
}
