import FluentKit

struct CreateHandles: AsyncMigration {
    var name: String { "0001_CreateHandles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("handles")
            .id()
            .field("x_user_id", .string, .required)
            .field("username", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("terms", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "x_user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("handles").delete()
    }
}
