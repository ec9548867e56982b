import FluentKit
import Foundation
import ParleyCore

/// The local X sandbox's record of what it published.
public struct SandboxQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Records a post unless one with the same idempotency key exists; returns the stored one.
    public func publish(
        idempotencyKey: String, xID: String, channel: Channel, authorXUserID: String, text: String, at: Date, id: UUID
    ) async throws -> (xID: String, createdAt: Date) {
        if let existing = try await find(idempotencyKey: idempotencyKey) { return existing }
        let record = SandboxPostRecord()
        record.id = id
        record.xID = xID
        record.idempotencyKey = idempotencyKey
        record.channel = channel.rawValue
        record.authorXUserID = authorXUserID
        record.text = text
        record.createdAt = at
        try await record.create(on: database)
        return (xID, at)
    }

    public func find(idempotencyKey: String) async throws -> (xID: String, createdAt: Date)? {
        try await SandboxPostRecord.query(on: database).filter(\.$idempotencyKey == idempotencyKey).first()
            .map { ($0.xID, $0.createdAt) }
    }

    public func count() async throws -> Int {
        try await SandboxPostRecord.query(on: database).count()
    }
}
