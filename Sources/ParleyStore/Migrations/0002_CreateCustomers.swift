import FluentKit

struct CreateCustomers: AsyncMigration {
    var name: String { "0002_CreateCustomers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("customers")
            .id()
            .field("x_user_id", .string, .required)
            .field("username", .string, .required)
            .field("name", .string, .required)
            .field("followers_count", .int, .required)
            .field("verified", .bool, .required)
            .field("profile_image_url", .string)
            .field("bio", .string)
            .unique(on: "x_user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("customers").delete()
    }
}
