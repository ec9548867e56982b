import FluentKit
import FluentSQL

/// Publishing and crisis (issue 14): scheduled posts, crisis mode, and each handle's verified
/// status, posting limits and "answer from" handle. The outbox now also carries the parts of
/// scheduled posts, which belong to no conversation, so its `conversation_id` may be empty.
struct AddPublishing: AsyncMigration {
    var name: String { "0020_AddPublishing" }

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        // Existing handles count as verified: a brand's care account almost always is, and X's
        // unverified limits (200 replies a day) would hold a busy desk's replies.
        try await database.schema("handles")
            .field("verified", .bool, .required, .sql(.default(SQLLiteral.boolean(true)))).update()
        try await database.schema("handles").field("answer_from_handle_id", .uuid).update()
        try await database.schema("handles").field("posting_limits", .string).update()

        try await database.schema("scheduled_posts")
            .id()
            .field("handle_id", .uuid, .required)
            .field("text", .string, .required)
            .field("parts", .string, .required)
            .field("due_at", .datetime, .required)
            .field("time_zone", .string, .required)
            .field("state", .string, .required)
            .field("author_id", .uuid)
            .field("approved_by", .uuid)
            .field("rejection_note", .string)
            .field("hold", .string)
            // When a post held by a posting limit may go (the limit's window opens).
            .field("release_at", .datetime)
            .field("error", .string)
            .field("sent_x_ids", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await sql.create(index: "scheduled_posts_due").on("scheduled_posts").column("state").column("due_at").run()
        try await sql.create(index: "scheduled_posts_handle").on("scheduled_posts").column("handle_id").column("due_at").run()

        try await database.schema("crisis_modes")
            .id()
            .field("reason", .string, .required)
            .field("handle_ids", .string, .required)
            .field("started_by", .uuid)
            .field("started_at", .datetime, .required)
            .field("incident_id", .uuid)
            .field("ended_by", .uuid)
            .field("ended_at", .datetime)
            .create()

        if sql.dialect.name == "sqlite" {
            // SQLite cannot drop a NOT NULL: the table is rebuilt (its documented way), in the
            // migration's transaction.
            try await sql.raw("""
                CREATE TABLE outbox_new (
                    "id" UUID PRIMARY KEY, conversation_id UUID, handle_id UUID NOT NULL, channel TEXT NOT NULL,
                    text TEXT NOT NULL, in_reply_to_x_id TEXT, recipient_x_user_id TEXT, state TEXT NOT NULL,
                    attempts INTEGER NOT NULL, lease_owner TEXT, lease_expires_at REAL, x_id TEXT, error TEXT,
                    created_by UUID, created_at REAL NOT NULL, updated_at REAL NOT NULL, sent_at REAL,
                    scheduled_post_id UUID, part INTEGER)
                """).run()
            try await sql.raw("""
                INSERT INTO outbox_new (id, conversation_id, handle_id, channel, text, in_reply_to_x_id, recipient_x_user_id,
                    state, attempts, lease_owner, lease_expires_at, x_id, error, created_by, created_at, updated_at, sent_at)
                SELECT id, conversation_id, handle_id, channel, text, in_reply_to_x_id, recipient_x_user_id,
                    state, attempts, lease_owner, lease_expires_at, x_id, error, created_by, created_at, updated_at, sent_at
                FROM outbox
                """).run()
            try await sql.raw("DROP TABLE outbox").run()
            try await sql.raw("ALTER TABLE outbox_new RENAME TO outbox").run()
            try await sql.create(index: "outbox_state").on("outbox").column("state").column("created_at").run()
        } else {
            try await sql.raw("ALTER TABLE outbox ALTER COLUMN conversation_id DROP NOT NULL").run()
            try await database.schema("outbox").field("scheduled_post_id", .uuid).update()
            try await database.schema("outbox").field("part", .int).update()
        }
        try await sql.create(index: "outbox_handle_sent").on("outbox").column("handle_id").column("sent_at").run()
        try await sql.create(index: "outbox_scheduled_post").on("outbox").column("scheduled_post_id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.drop(index: "outbox_handle_sent").run()
        try await sql.drop(index: "outbox_scheduled_post").run()
        // Scheduled parts have no conversation; they go with their posts.
        try await sql.raw("DELETE FROM outbox WHERE conversation_id IS NULL").run()
        for column in ["scheduled_post_id", "part"] {
            try await database.schema("outbox").deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema("crisis_modes").delete()
        try await database.schema("scheduled_posts").delete()
        for column in ["verified", "answer_from_handle_id", "posting_limits"] {
            try await database.schema("handles").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
