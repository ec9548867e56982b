import FluentKit

struct CreateSandboxPosts: AsyncMigration {
    var name: String { "0010_CreateSandboxPosts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sandbox_posts")
            .id()
            .field("x_id", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("channel", .string, .required)
            .field("author_x_user_id", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "idempotency_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sandbox_posts").delete()
    }
}
