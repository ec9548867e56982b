import FluentKit

/// Leadership on SQLite: a row per singleton (the desk pass, each handle's X polls, the filtered
/// stream) naming the process that holds it until a time. PostgreSQL uses advisory locks instead.
struct CreateLeaderLeases: AsyncMigration {
    var name: String { "0017_CreateLeaderLeases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("leader_leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("leader_leases").delete()
    }
}
