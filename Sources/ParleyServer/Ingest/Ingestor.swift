import Crypto
import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore

/// The front door for raw events: the journal. The ingest processor picks them up from there.
public struct Ingestor: Sendable {
    let database: any Database
    let effects: Effects

    public init(database: any Database, effects: Effects) {
        self.database = database
        self.effects = effects
    }

    /// A raw event from `source`, keyed by the SHA-256 of its bytes: a source that delivers the same
    /// bytes twice (a webhook retry, a replay run again) is journaled once. The same post in other
    /// bytes (two overlapping poll pages) is journaled twice and deduplicated by the pipeline, which
    /// knows posts by id. Hashing, not decoding, keeps the journal write cheap: decoding happens
    /// once, when the event is processed.
    public func rawEvent(_ payload: Data, source: EventSource) -> RawEvent {
        RawEvent(source: source, externalID: Self.externalID(for: payload), payload: payload, receivedAt: effects.now())
    }

    public static func externalID(for payload: Data) -> String {
        var hex = ""
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: payload) {
            hex.append(Self.hexDigits[Int(byte >> 4)])
            hex.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        return JournalKey.content(sha256: hex)
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// Journals the events (durably) and returns how many were new.
    @discardableResult
    public func receive(_ events: [RawEvent]) async throws -> Int {
        try await Journal(database: database).append(events)
    }

    /// Journals the events and, in the same transaction, what their source records with them (its
    /// cost, its checkpoint): both or neither, so a checkpoint never passes what the journal lacks.
    @discardableResult
    public func receive(
        _ events: [RawEvent], recording: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Int {
        try await database.transaction { db in
            let added = try await Journal(database: db).append(events)
            try await recording(db)
            return added
        }
    }

    /// Journals an agent's action, so a rebuild replays it.
    public func record(_ action: DeskAction) async throws {
        let payload = try EventDecoder.deskEncoder.encode(action)
        let event = RawEvent(
            source: .desk, externalID: JournalKey.desk(effects.newID()), payload: payload, receivedAt: effects.now())
        try await receive([event])
    }
}
