import FluentKit
import FluentSQL

/// API tokens people can manage (issue 19): scopes (`read write admin ingest`, space-separated),
/// an expiry and a revocation. Tokens made before keep what they could do: read and write, and
/// admin for an admin's; none gets `ingest` without being made again.
struct AddTokenScopes: AsyncMigration {
    var name: String { "0028_AddTokenScopes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("scopes", .string, .required, .sql(.default(SQLLiteral.string("read write")))).update()
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        try await database.schema("api_tokens").field("revoked_at", .datetime).update()
        try await database.requireSQL().raw("""
            UPDATE api_tokens SET scopes = 'read write admin' WHERE user_id IN (SELECT id FROM users WHERE role = 'admin')
            """).run()
    }

    func revert(on database: any Database) async throws {
        for column in ["revoked_at", "expires_at", "scopes"] {
            try await database.schema("api_tokens").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
