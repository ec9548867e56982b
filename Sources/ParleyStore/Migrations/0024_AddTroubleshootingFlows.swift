import FluentKit
import FluentSQL

/// Guided troubleshooting flows (issue 15): the flows (their nodes as one JSON document, written
/// whole and versioned), the customers' walks through them, and one row per node a walk was
/// shown, from which the analytics count starts, reach and drop-off per node.
struct AddTroubleshootingFlows: AsyncMigration {
    var name: String { "0024_AddTroubleshootingFlows" }

    func prepare(on database: any Database) async throws {
        try await database.schema("flows")
            .id()
            .field("brand_id", .uuid, .required)
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("nodes", .string, .required)
            .field("status", .string, .required)
            .field("short_code", .string, .required)
            .field("author_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("published_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "brand_id", "slug")
            .unique(on: "short_code")
            .create()
        try await database.schema("flow_walks")
            .id()
            .field("flow_id", .uuid, .required)
            .field("started_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("choices", .string, .required)
            .field("last_node", .string, .required)
            .field("outcome", .string)
            .create()
        try await database.schema("flow_steps")
            .field("walk_id", .uuid, .required)
            .field("flow_id", .uuid, .required)
            .field("node", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = try database.requireSQL()
        try await sql.create(index: "flow_walks_flow").on("flow_walks").column("flow_id").column("started_at").run()
        try await sql.create(index: "flow_steps_walk").on("flow_steps").column("walk_id").column("node").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["flow_steps", "flow_walks", "flows"] { try await database.schema(table).delete() }
    }
}
