import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// A stand-in for X: it "publishes" by recording the post with a fresh X-style id, then echoes it
/// back through the journal as X's stream would. The real X transport (issue 5) replaces it
/// behind the same protocol.
public struct SandboxTransport: OutboxTransport {
    let database: any Database
    let ingestor: Ingestor
    let effects: Effects

    public init(database: any Database, ingestor: Ingestor, effects: Effects) {
        self.database = database
        self.ingestor = ingestor
        self.effects = effects
    }

    public func deliver(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt {
        let now = effects.now()
        let item = delivery.item
        let published = try await SandboxQueries(database: database).publish(
            idempotencyKey: item.id.uuidString, xID: Self.snowflake(at: now, salt: item.id), channel: item.channel,
            authorXUserID: delivery.handleXUserID, text: item.text, at: now, id: effects.newID())
        let receipt = DeliveryReceipt(xID: published.xID, createdAt: published.createdAt)
        let echo = OutboxEcho.payload(delivery, receipt: receipt)
        try await ingestor.receive([ingestor.rawEvent(echo, source: .sandbox)])
        return receipt
    }

    public func findDelivered(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt? {
        try await SandboxQueries(database: database).find(idempotencyKey: delivery.item.id.uuidString)
            .map { DeliveryReceipt(xID: $0.xID, createdAt: $0.createdAt) }
    }

    /// An id shaped like X's: milliseconds since X's epoch in the high bits, then 22 bits from the item id.
    static func snowflake(at date: Date, salt: UUID) -> String {
        let twitterEpochMillis: Int64 = 1_288_834_974_657
        let millis = max(0, Int64(date.timeIntervalSince1970 * 1000) - twitterEpochMillis)
        let low = Int64(salt.uuid.14) << 8 | Int64(salt.uuid.15) | (Int64(salt.uuid.13 & 0x3f) << 16)
        return String(millis << 22 | low)
    }
}
