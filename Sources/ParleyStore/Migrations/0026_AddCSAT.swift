import FluentKit
import FluentSQL

/// Satisfaction surveys (issue 16): one per resolved case at most, with the link's token, when
/// and how it was sent, and the customer's answer.
struct AddCSAT: AsyncMigration {
    var name: String { "0026_AddCSAT" }

    func prepare(on database: any Database) async throws {
        try await database.schema("csat_surveys")
            .id()
            .field("conversation_id", .uuid, .required)
            .field("customer_id", .uuid, .required)
            .field("handle_id", .uuid, .required)
            .field("token", .string, .required)
            .field("channel", .string, .required)
            .field("outbox_id", .uuid)
            .field("sent_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .field("rating", .int)
            .field("comment", .string)
            .field("answered_at", .datetime)
            .unique(on: "conversation_id")
            .unique(on: "token")
            .create()
        let sql = try database.requireSQL()
        try await sql.create(index: "csat_surveys_customer").on("csat_surveys").column("customer_id").column("sent_at").run()
        try await sql.create(index: "csat_surveys_sent").on("csat_surveys").column("sent_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("csat_surveys").delete()
    }
}
