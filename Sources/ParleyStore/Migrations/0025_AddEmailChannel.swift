import FluentKit
import FluentSQL

/// The e-mail channel (issue 15): a case can hold e-mails (`has_email`), and an e-mail message
/// keeps its subject (attachments stay in the journal, with the original message). The support
/// form's log of submissions (hashed client and address, for its rate limits) and the secrets the
/// processes share (the form's time-trap key), made once by whichever process needs one first;
/// the e-mail answers handed to the SMTP server (`MailTransport`), so none goes twice; and the
/// addresses agents confirmed for X customers, which join their X and e-mail cases.
struct AddEmailChannel: AsyncMigration {
    var name: String { "0025_AddEmailChannel" }

    func prepare(on database: any Database) async throws {
        try await database.schema("conversations").field("has_email", .bool, .required, .sql(.default(false))).update()
        try await database.schema("messages").field("subject", .string).update()
        try await database.schema("support_form_log")
            .field("client_key", .string, .required)
            .field("email_key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = try database.requireSQL()
        try await sql.create(index: "support_form_log_client").on("support_form_log").column("client_key").column("at").run()
        try await sql.create(index: "support_form_log_email").on("support_form_log").column("email_key").column("at").run()
        try await database.schema("app_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        try await database.schema("customer_emails")
            .field("customer_id", .uuid, .required)
            .field("address", .string, .required)
            .field("confirmed_by", .uuid)
            .field("confirmed_at", .datetime, .required)
            .unique(on: "customer_id", "address")
            .create()
        try await sql.create(index: "customer_emails_address").on("customer_emails").column("address").run()
        try await database.schema("mail_commits")
            .field("outbox_id", .uuid, .identifier(auto: false))
            .field("message_id", .string, .required)
            .field("raw", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mail_commits").delete()
        try await database.schema("customer_emails").delete()
        try await database.schema("app_secrets").delete()
        try await database.schema("support_form_log").delete()
        try await database.schema("messages").deleteField("subject").update()
        try await database.schema("conversations").deleteField("has_email").update()
    }
}
