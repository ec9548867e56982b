import FluentKit
import FluentSQL

/// The desk's team work (issue 8): agents' capacity, skills and status; teams; assignment and
/// life-cycle columns on conversations; tags, internal notes and the audit trail; routing rules,
/// templates and SLA policies.
struct AddDesk: AsyncMigration {
    var name: String { "0014_AddDesk" }

    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        for (column, type, defaultValue) in [
            ("capacity", DatabaseSchema.DataType.int, SQLLiteral.numeric("10")),
            ("skills", .string, SQLLiteral.string("")),
            ("status", .string, SQLLiteral.string("offline")),
        ] {
            try await database.schema("users")
                .field(FieldKey(stringLiteral: column), type, .required, .sql(.default(defaultValue))).update()
        }
        try await database.schema("users").field("last_active_at", .datetime).update()

        try await database.schema("teams")
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("team_members")
            .field("team_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .compositeIdentifier(over: "team_id", "user_id")
            .create()

        for (column, type) in [
            ("assignee_id", DatabaseSchema.DataType.uuid), ("team_id", .uuid), ("assigned_at", .datetime),
            ("priority_override", .int), ("snoozed_until", .datetime), ("previous_conversation_id", .uuid),
            ("first_response_due_at", .datetime), ("next_response_due_at", .datetime), ("resolution_due_at", .datetime),
            ("first_responded_at", .datetime), ("resolved_at", .datetime), ("language", .string), ("routed_at", .datetime),
            ("sla_due_at", .datetime), ("sla_evaluated_at", .datetime),
        ] {
            try await database.schema("conversations").field(FieldKey(stringLiteral: column), type).update()
        }
        try await database.schema("conversations")
            .field("sla_status", .string, .required, .sql(.default(SQLLiteral.string("none")))).update()
        // Skills an agent needs for this case (`lang:es`, `billing`), one per line; set by routing rules.
        try await database.schema("conversations")
            .field("needed_skills", .string, .required, .sql(.default(SQLLiteral.string("")))).update()
        let sql = try database.requireSQL()
        try await sql.create(index: "conversations_assignee").on("conversations").column("assignee_id").column("state").run()
        try await sql.create(index: "conversations_team").on("conversations").column("team_id").column("state").run()
        // The queue sorted by the earliest SLA due time.
        try await sql.create(index: "conversations_sla_due").on("conversations").column("state").column("sla_due_at").column("id").run()

        try await database.schema("conversation_tags")
            .field("conversation_id", .uuid, .required)
            .field("tag", .string, .required)
            .compositeIdentifier(over: "conversation_id", "tag")
            .create()
        try await sql.create(index: "conversation_tags_tag").on("conversation_tags").column("tag").run()

        try await database.schema("notes")
            .id()
            .field("conversation_id", .uuid, .required)
            .field("author_id", .uuid, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "notes_conversation").on("notes").column("conversation_id").run()

        try await database.schema("audit_events")
            .id()
            .field("conversation_id", .uuid, .required)
            .field("actor_id", .uuid)
            .field("action", .string, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "audit_events_conversation").on("audit_events").column("conversation_id").column("created_at").run()

        try await database.schema("routing_rules")
            .id()
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("enabled", .bool, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema("templates")
            .id()
            .field("handle_id", .uuid)
            .field("name", .string, .required)
            .field("body", .string, .required)
            .field("actions", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema("sla_policies")
            .id()
            .field("handle_id", .uuid)
            .field("min_priority", .int, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        // Who is looking at or typing in a case (heartbeats), and who holds its reply: a row per
        // case and person, shared by every process through the database.
        try await database.schema("presence")
            .field("conversation_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .field("typing", .bool, .required)
            .field("seen_at", .datetime, .required)
            .compositeIdentifier(over: "conversation_id", "user_id")
            .create()
        try await database.schema("reply_locks")
            .field("conversation_id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required)
            .field("expires_at", .datetime, .required)
            .create()

        try await database.schema("handles")
            .field("auto_replies", .bool, .required, .sql(.default(SQLLiteral.boolean(false)))).update()
        try await database.schema("handles").field("help_url", .string).update()
    }

    func revert(on database: any Database) async throws {
        for table in ["reply_locks", "presence", "sla_policies", "templates", "routing_rules", "audit_events", "notes", "conversation_tags", "team_members", "teams"] {
            try await database.schema(table).delete()
        }
        let sql = try database.requireSQL()
        try await sql.drop(index: "conversations_assignee").run()
        try await sql.drop(index: "conversations_team").run()
        try await sql.drop(index: "conversations_sla_due").run()
        for column in ["assignee_id", "team_id", "assigned_at", "priority_override", "snoozed_until", "previous_conversation_id",
                       "first_response_due_at", "next_response_due_at", "resolution_due_at", "first_responded_at", "resolved_at",
                       "language", "routed_at", "sla_due_at", "sla_evaluated_at", "sla_status", "needed_skills"] {
            try await database.schema("conversations").deleteField(FieldKey(stringLiteral: column)).update()
        }
        for column in ["capacity", "skills", "status", "last_active_at"] {
            try await database.schema("users").deleteField(FieldKey(stringLiteral: column)).update()
        }
        for column in ["auto_replies", "help_url"] {
            try await database.schema("handles").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
