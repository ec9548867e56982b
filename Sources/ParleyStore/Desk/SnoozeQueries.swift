import FluentKit
import FluentSQL
import Foundation

extension ConversationQueries {
    /// Snoozed cases whose wake-up time has come.
    public func snoozedDue(at date: Date) async throws -> [UUID] {
        try await database.requireSQL().raw("""
            SELECT id FROM conversations WHERE state = 'snoozed' AND snoozed_until IS NOT NULL AND snoozed_until <= \(bind: date)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}
