import FluentKit
import Foundation
import ParleyCore

/// The counts `parley stats --json` prints.
public struct StoreStats: Sendable, Equatable, Codable {
    public var journalEvents: Int
    public var journalByStatus: [String: Int]
    public var malformedEvents: Int
    public var messagesByKind: [String: Int]
    public var conversationsByState: [String: Int]
    public var outboxByState: [String: Int]
    public var customers: Int
    public var handles: Int

    public static let empty = StoreStats(
        journalEvents: 0, journalByStatus: [:], malformedEvents: 0, messagesByKind: [:], conversationsByState: [:],
        outboxByState: [:], customers: 0, handles: 0)

    public static func load(from database: any Database) async throws -> StoreStats {
        let journal = try await Journal(database: database).counts()
        let conversations = ConversationQueries(database: database)
        return StoreStats(
            journalEvents: journal.values.reduce(0, +),
            journalByStatus: Dictionary(uniqueKeysWithValues: journal.map { ($0.key.rawValue, $0.value) }),
            malformedEvents: journal[.malformed] ?? 0,
            messagesByKind: try await conversations.messageCountsByKind(),
            conversationsByState: try await conversations.countsByState(),
            outboxByState: try await OutboxQueries(database: database).countsByState(),
            customers: try await CustomerRecord.query(on: database).count(),
            handles: try await HandleRecord.query(on: database).count())
    }
}
