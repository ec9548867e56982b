import FluentKit
import FluentSQL

/// Triage per message (JSON) and per case (priority, handoff advice), so the queue can show and
/// sort by them without re-running triage.
struct AddTriage: AsyncMigration {
    var name: String { "0012_AddTriage" }

    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE, so each field is its own update.
        try await database.schema("messages").field("triage", .string).update()
        for (column, type, defaultValue) in [
            ("priority", DatabaseSchema.DataType.int, SQLLiteral.numeric("0")),
            ("priority_reasons", .string, SQLLiteral.string("")),
            ("handoff", .string, SQLLiteral.string("public")),
            ("handoff_reasons", .string, SQLLiteral.string("")),
        ] {
            try await database.schema("conversations")
                .field(FieldKey(stringLiteral: column), type, .required, .sql(.default(defaultValue))).update()
        }
        try await database.schema("conversations").field("suggested_reply", .string).update()
        try await database.requireSQL().create(index: "conversations_priority").on("conversations")
            .column("state").column("priority").column("last_message_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().drop(index: "conversations_priority").run()
        for column in ["priority", "priority_reasons", "handoff", "handoff_reasons", "suggested_reply"] {
            try await database.schema("conversations").deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema("messages").deleteField("triage").update()
    }
}
