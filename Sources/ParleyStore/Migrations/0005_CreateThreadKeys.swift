import FluentKit
import FluentSQL

struct CreateThreadKeys: AsyncMigration {
    var name: String { "0005_CreateThreadKeys" }

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await database.schema("thread_keys")
            .field(.custom(idColumn(sql)))
            .field("key", .string, .required)
            .field("role", .string, .required)
            .field("message_id", .uuid, .required)
            .field("conversation_id", .uuid)
            .unique(on: "key", "role", "message_id")
            .create()
        // Lookups by key use the unique index (key, role, message_id); adoption updates by message.
        try await sql.create(index: "thread_keys_message").on("thread_keys").column("message_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("thread_keys").delete()
    }
}

/// An auto-incrementing integer primary key, spelled the way each engine wants it.
func idColumn(_ sql: any SQLDatabase) -> String {
    sql.dialect.name == "postgresql" ? "id BIGSERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY AUTOINCREMENT"
}
