import FluentKit

/// Browser sessions, in the database so that several server processes share them.
struct CreateSessions: AsyncMigration {
    var name: String { "0011_CreateSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("_fluent_sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("_fluent_sessions").delete()
    }
}
