import FluentKit
import FluentSQL

/// Incidents (issue 14): problems and crises handled as one, with their cases and timeline; and
/// the authors a handle blocked on the desk (X's API has no block write), whose new cases are
/// resolved as trolls.
struct AddIncidents: AsyncMigration {
    var name: String { "0022_AddIncidents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("incidents")
            .id()
            .field("title", .string, .required)
            .field("severity", .string, .required)
            .field("state", .string, .required)
            .field("owner_id", .uuid)
            .field("alert_id", .uuid)
            .field("issue_id", .uuid)
            .field("holding_statement", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .create()
        try await database.schema("incident_cases")
            .field("incident_id", .uuid, .required)
            .field("conversation_id", .uuid, .required)
            .field("linked_at", .datetime, .required)
            .field("statement_sent_at", .datetime)
            .unique(on: "incident_id", "conversation_id")
            .create()
        try await database.schema("incident_events")
            .id()
            .field("incident_id", .uuid, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("text", .string, .required)
            .create()
        try await database.requireSQL().create(index: "incident_events_incident").on("incident_events").column("incident_id").column("at").run()
        try await database.schema("blocked_authors")
            .field("handle_id", .uuid, .required)
            .field("x_user_id", .string, .required)
            .field("blocked_by", .uuid)
            .field("blocked_at", .datetime, .required)
            .unique(on: "handle_id", "x_user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["blocked_authors", "incident_events", "incident_cases", "incidents"] { try await database.schema(table).delete() }
    }
}
