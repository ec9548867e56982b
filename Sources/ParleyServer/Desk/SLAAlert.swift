import Foundation
import ParleyCore

/// A breach told to the alert webhook (`PARLEY_ALERT_WEBHOOK_URL`), as a job: one per breach
/// (its idempotency key), delivered by `AlertWebhook`.
struct SLAAlert: Codable, Sendable, Equatable {
    var event = "sla_breach"
    var conversationID: UUID
    var target: String
    var dueAt: Date?

    enum CodingKeys: String, CodingKey {
        case event
        case conversationID = "conversation_id"
        case target
        case dueAt = "due_at"
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// The job that delivers this alert.
    func job(id: UUID, at now: Date) throws -> Job {
        Job(
            id: id, kind: .slaAlert, payload: String(decoding: try Self.encoder.encode(self), as: UTF8.self), dueAt: now,
            idempotencyKey: "sla_breach:\(conversationID.uuidString):\(dueAt.map { "\($0.timeIntervalSince1970)" } ?? "-")",
            createdAt: now)
    }
}
