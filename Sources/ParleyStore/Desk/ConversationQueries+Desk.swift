import FluentKit
import FluentSQL
import Foundation
import ParleyCore

extension ConversationQueries {
    /// Snoozed cases whose wake-up time has come.
    public func snoozedDue(at date: Date) async throws -> [UUID] {
        try await database.requireSQL().raw("""
            SELECT id FROM conversations WHERE state = 'snoozed' AND snoozed_until IS NOT NULL AND snoozed_until <= \(bind: date)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}

extension ConversationQueries {
    /// The customer's other cases, newest first (for the customer card), under any of their
    /// identities (their X account and the e-mail addresses confirmed for it).
    public func otherCases(customerIDs: [UUID], excluding id: UUID, limit: Int = 10) async throws -> [Conversation] {
        try await ConversationRecord.query(on: database)
            .filter(\.$customerID ~~ customerIDs).filter(\.$id != id)
            .sort(\.$lastMessageAt, .descending).limit(limit).all().map { try $0.toDomain() }
    }
}
