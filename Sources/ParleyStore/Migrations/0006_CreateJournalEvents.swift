import FluentKit
import FluentSQL

struct CreateJournalEvents: AsyncMigration {
    var name: String { "0006_CreateJournalEvents" }

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await database.schema("journal_events")
            .field(.custom(idColumn(sql)))
            .field("source", .string, .required)
            .field("external_id", .string, .required)
            .field("received_at", .datetime, .required)
            .field("payload", .data, .required)
            .field("status", .string, .required)
            .field("error", .string)
            .field("processed_at", .datetime)
            .unique(on: "source", "external_id")
            .create()
        try await sql.create(index: "journal_events_status").on("journal_events")
            .column("status").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("journal_events").delete()
    }
}
