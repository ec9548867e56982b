import FluentKit
import FluentSQL

/// Listening (issue 14): post counts in 5-minute buckets per series, emerging issues with their
/// messages, and the spike alerts raised on them (one per series and bucket, whichever process
/// finds it). Buckets and issues are derived from messages at ingest; alerts are the desk's.
struct AddListening: AsyncMigration {
    var name: String { "0021_AddListening" }

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await database.schema("volume_buckets")
            .field("series", .string, .required)
            .field("bucket_start", .datetime, .required)
            .field("count", .int, .required)
            .unique(on: "series", "bucket_start")
            .create()
        try await sql.create(index: "volume_buckets_time").on("volume_buckets").column("bucket_start").run()

        try await database.schema("emerging_issues")
            .id()
            .field("handle_id", .uuid)
            .field("word_counts", .string, .required)
            .field("label", .string, .required)
            .field("size", .int, .required)
            .field("first_seen", .datetime, .required)
            .field("last_seen", .datetime, .required)
            .create()
        try await sql.create(index: "emerging_issues_seen").on("emerging_issues").column("last_seen").run()
        try await database.schema("emerging_issue_messages")
            .field("issue_id", .uuid, .required)
            .field("message_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "issue_id", "message_id")
            .create()

        try await database.schema("spike_alerts")
            .id()
            .field("series", .string, .required)
            .field("bucket_start", .datetime, .required)
            .field("detected_at", .datetime, .required)
            .field("headline", .string, .required)
            .field("last_15_minutes", .int, .required)
            .field("expected_15_minutes", .double, .required)
            .field("ratio", .double, .required)
            .field("z", .double, .required)
            .field("issue_id", .uuid)
            .field("handle_id", .uuid)
            .field("acknowledged_by", .uuid)
            .field("acknowledged_at", .datetime)
            .unique(on: "series", "bucket_start")
            .create()
        try await sql.create(index: "spike_alerts_detected").on("spike_alerts").column("detected_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["spike_alerts", "emerging_issue_messages", "emerging_issues", "volume_buckets"] {
            try await database.schema(table).delete()
        }
    }
}
