import FluentKit
import FluentSQL

/// The X connector's state: each handle's sealed credentials, whether X still accepts them, its
/// monthly budget; poll checkpoints; what was read and written per day (the cost meter); and the
/// OAuth 2.0 authorizations waiting for their callback.
struct AddXConnector: AsyncMigration {
    var name: String { "0013_AddXConnector" }

    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema("handles").field("credentials", .string).update()
        try await database.schema("handles")
            .field("auth_state", .string, .required, .sql(.default(SQLLiteral.string("unconnected")))).update()
        try await database.schema("handles").field("auth_error", .string).update()
        try await database.schema("handles").field("monthly_budget_micros", .int64).update()

        try await database.schema("x_checkpoints")
            .field("handle_key", .string, .required)
            .field("resource", .string, .required)
            .field("since_id", .string)
            .field("pending_newest_id", .string)
            .field("pagination_token", .string)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "handle_key", "resource")
            .create()

        try await database.schema("x_usage")
            .field("handle_key", .string, .required)
            .field("day", .string, .required)
            .field("resource", .string, .required)
            .field("requests", .int64, .required)
            .field("units", .int64, .required)
            .field("cost_micros", .int64, .required)
            .compositeIdentifier(over: "handle_key", "day", "resource")
            .create()

        try await database.schema("x_oauth_states")
            .field("state", .string, .identifier(auto: false))
            .field("sealed_verifier", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("x_oauth_states").delete()
        try await database.schema("x_usage").delete()
        try await database.schema("x_checkpoints").delete()
        for column in ["credentials", "auth_state", "auth_error", "monthly_budget_micros"] {
            try await database.schema("handles").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
