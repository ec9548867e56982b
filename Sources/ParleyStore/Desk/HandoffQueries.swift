import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// A handle's triage settings: its own handoff reply and its public support addresses. New
/// messages are triaged with them from the next ingest batch on; earlier triage is kept.
public struct HandoffQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// `template` nil restores the default reply. Callers check it with
    /// `TriageHandoffAdvice.problem(with:)` first.
    public func set(_ handleID: UUID, template: String?, supportEmails: [String]) async throws {
        let sql = try database.requireSQL()
        try await sql.update("handles")
            .set("handoff_template", to: SQLBind(template))
            .set("support_emails", to: SQLBind(supportEmails.map { $0.lowercased() }.joined(separator: "\n")))
            .where("id", .equal, SQLValues(sql).uuid(handleID)).run()
    }
}
