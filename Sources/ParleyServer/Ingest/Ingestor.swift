import Crypto
import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore
import ParleyX

/// The front door for raw events: the journal. The ingest processor picks them up from there.
public struct Ingestor: Sendable {
    let database: any Database
    let effects: Effects

    public init(database: any Database, effects: Effects) {
        self.database = database
        self.effects = effects
    }

    /// A raw event from `source`, keyed by its natural id when it has one, else by its bytes' hash.
    public func rawEvent(_ payload: Data, source: EventSource) -> RawEvent {
        RawEvent(source: source, externalID: Self.externalID(for: payload), payload: payload, receivedAt: effects.now())
    }

    public static func externalID(for payload: Data) -> String {
        XPayloadDecoder.externalID(for: payload)
            ?? "sha256:" + SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
    }

    /// Journals the events (durably) and returns how many were new.
    @discardableResult
    public func receive(_ events: [RawEvent]) async throws -> Int {
        try await Journal(database: database).append(events)
    }

    /// Journals an agent's action, so a rebuild replays it.
    public func record(_ action: DeskAction) async throws {
        let payload = try EventDecoder.deskEncoder.encode(action)
        let event = RawEvent(
            source: .desk, externalID: "desk:" + effects.newID().uuidString, payload: payload, receivedAt: effects.now())
        try await receive([event])
    }
}
