import FluentKit
import FluentSQL

/// Each handle's own handoff reply (the public invitation to DM) and its public support
/// addresses, which triage must not count as a customer's personal data.
struct AddHandleTriageSettings: AsyncMigration {
    var name: String { "0016_AddHandleTriageSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("handles").field("handoff_template", .string).update()
        try await database.schema("handles")
            .field("support_emails", .string, .required, .sql(.default(SQLLiteral.string("")))).update()
    }

    func revert(on database: any Database) async throws {
        // One column per statement: SQLite drops a single column per ALTER TABLE.
        for column in ["handoff_template", "support_emails"] {
            try await database.schema("handles").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
