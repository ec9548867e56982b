import FluentKit
import FluentSQL
import Foundation

/// The support form's submissions log (for its rate limits) and the secrets processes share.
public struct SupportFormQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func record(clientKey: String, emailKey: String, at: Date) async throws {
        try await database.requireSQL().insert(into: "support_form_log").columns("client_key", "email_key", "at")
            .values(SQLBind(clientKey), SQLBind(emailKey), SQLBind(at)).run()
    }

    /// Submissions since `since` from the client and for the address, and the oldest of each
    /// (when the next one is allowed).
    public func recent(clientKey: String, emailKey: String, since: Date) async throws -> (client: [Date], email: [Date]) {
        let sql = try database.requireSQL()
        let client = try await sql.raw("SELECT at FROM support_form_log WHERE client_key = \(bind: clientKey) AND at >= \(bind: since) ORDER BY at")
            .all().map { try $0.decode(column: "at", as: Date.self) }
        let email = try await sql.raw("SELECT at FROM support_form_log WHERE email_key = \(bind: emailKey) AND at >= \(bind: since) ORDER BY at")
            .all().map { try $0.decode(column: "at", as: Date.self) }
        return (client, email)
    }

    /// Forgets submissions older than `before`: the log only serves the rate limits.
    public func prune(before: Date) async throws {
        try await database.requireSQL().raw("DELETE FROM support_form_log WHERE at < \(bind: before)").run()
    }

    /// The secret named `name`, made from `make()` by the first process that asks.
    public func secret(named name: String, make: () -> String) async throws -> String {
        let sql = try database.requireSQL()
        try await sql.insert(into: "app_secrets").columns("name", "value").values(SQLBind(name), SQLBind(make()))
            .ignoringConflicts(with: ["name"]).run()
        guard let row = try await sql.raw("SELECT value FROM app_secrets WHERE name = \(bind: name)").first() else {
            throw StoreError.notFound(what: "secret", id: name)
        }
        return try row.decode(column: "value", as: String.self)
    }
}
