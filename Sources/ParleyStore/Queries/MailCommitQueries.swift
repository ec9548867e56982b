import FluentKit
import FluentSQL
import Foundation

/// The e-mail answers handed to an SMTP server (`MailTransport`), recorded just before the
/// server takes each one, so a retry after a crash never sends it twice.
public struct MailCommitQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Commit: Sendable, Equatable {
        public var messageID: String
        public var raw: Data
        public var at: Date
    }

    public func record(outboxID: UUID, messageID: String, raw: Data, at: Date) async throws {
        try await database.requireSQL().insert(into: "mail_commits").columns("outbox_id", "message_id", "raw", "at")
            .values(SQLBind(outboxID), SQLBind(messageID), SQLBind(String(decoding: raw, as: UTF8.self)), SQLBind(at))
            .ignoringConflicts(with: ["outbox_id"]).run()
    }

    public func find(outboxID: UUID) async throws -> Commit? {
        let sql = try database.requireSQL()
        guard let row = try await sql.raw("SELECT message_id, raw, at FROM mail_commits WHERE outbox_id = \(SQLValues(sql).uuid(outboxID))").first() else {
            return nil
        }
        return Commit(
            messageID: try row.decode(column: "message_id", as: String.self), raw: Data(try row.decode(column: "raw", as: String.self).utf8),
            at: try row.decode(column: "at", as: Date.self))
    }
}
