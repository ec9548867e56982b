import FluentKit
import FluentSQL
import ParleyCore

/// What the reports read fast (issue 16): each case's messages' times, kinds and intents packed
/// on the case (`ConversationTimeline`, kept by the ingest planner from now on and filled here
/// from the messages already stored), indexes on when cases opened and were resolved, and the
/// opening in the queue's index.
struct AddConversationTimelines: AsyncMigration {
    var name: String { "0029_AddConversationTimelines" }

    func prepare(on database: any Database) async throws {
        try await database.schema("conversations").field("timeline", .string, .required, .sql(.default(SQLLiteral.string("")))).update()
        let sql = try database.requireSQL()
        try await sql.create(index: "conversations_opened").on("conversations").column("opened_at").run()
        try await sql.create(index: "conversations_resolved").on("conversations").column("state").column("resolved_at").run()
        // The queue's index, with when each case opened: the volume report finds the cases
        // opened before its period and written to in it without reading every such row.
        try await sql.drop(index: "conversations_queue").run()
        try await sql.create(index: "conversations_queue").on("conversations")
            .column("state").column("last_message_at").column("id").column("opened_at").run()
        try await sql.raw(Self.backfill(postgres: sql.dialect.name == "postgresql")).run()
    }

    /// The packed timeline of every stored case, from its messages (in any order: reading sorts).
    static func backfill(postgres: Bool) -> SQLQueryString {
        let seconds: SQLQueryString = postgres ? "extract(epoch from m.created_at)::text" : "printf('%.6f', m.created_at)"
        let intent: SQLQueryString = postgres ? "(m.triage::jsonb ->> 'intent')" : "(CASE WHEN json_valid(m.triage) THEN json_extract(m.triage, '$.intent') END)"
        return """
            UPDATE conversations SET timeline = COALESCE((
              SELECT string_agg(m.kind || ' ' || \(seconds)
                || CASE WHEN m.kind NOT IN \(unsafeRaw: OwnKinds.sqlList) AND \(intent) IS NOT NULL THEN ' ' || \(intent) ELSE '' END, ',')
              FROM messages m WHERE m.conversation_id = conversations.id), '')
            """
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().drop(index: "conversations_opened").run()
        try await database.requireSQL().drop(index: "conversations_resolved").run()
        try await database.requireSQL().drop(index: "conversations_queue").run()
        try await database.requireSQL().create(index: "conversations_queue").on("conversations")
            .column("state").column("last_message_at").column("id").run()
        try await database.schema("conversations").deleteField("timeline").update()
    }
}
