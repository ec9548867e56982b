import FluentKit
import FluentSQL

/// The priority the desk works by, kept beside triage's (issue 13): the queue's "most urgent"
/// order and auto-assignment sort by it. Until now a breach wrote its +20 into the manual
/// override, which froze triage out; those overrides are taken back here and the breach counts
/// through `sla_status` instead.
struct AddEffectivePriority: AsyncMigration {
    var name: String { "0019_AddEffectivePriority" }

    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .field("effective_priority", .int, .required, .sql(.default(SQLLiteral.numeric("0")))).update()
        let sql = try database.requireSQL()
        // The same arithmetic as PriorityAdjustment.effective(triage:), once, over the rows there are.
        let least = sql.dialect.name == "postgresql" ? "LEAST" : "MIN"
        try await sql.raw("""
            UPDATE conversations SET priority_override = NULL
            WHERE sla_status = 'breached' AND priority_override = \(unsafeRaw: least)(100, priority + 20)
            """).run()
        try await sql.raw("""
            UPDATE conversations SET effective_priority = \(unsafeRaw: least)(100,
                COALESCE(priority_override, priority) + CASE WHEN sla_status = 'breached' THEN 20 ELSE 0 END)
            """).run()
        try await sql.drop(index: "conversations_priority").run()
        try await sql.create(index: "conversations_effective_priority").on("conversations")
            .column("state").column("effective_priority").column("last_message_at").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.drop(index: "conversations_effective_priority").run()
        try await sql.create(index: "conversations_priority").on("conversations")
            .column("state").column("priority").column("last_message_at").run()
        try await database.schema("conversations").deleteField("effective_priority").update()
    }
}
