import FluentKit
import FluentSQL

/// Background work shared by every process (issue 13): alerts now; scheduled posts, surveys,
/// spike detection and forecasts next. Leased with `FOR UPDATE SKIP LOCKED` on PostgreSQL.
struct CreateJobs: AsyncMigration {
    var name: String { "0018_CreateJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("due_at", .datetime, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("idempotency_key", .string)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "idempotency_key")
            .create()
        try await database.requireSQL().create(index: "jobs_due").on("jobs").column("state").column("due_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
