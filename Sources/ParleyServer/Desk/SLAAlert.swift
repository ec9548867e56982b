import AsyncHTTPClient
import Foundation
import NIOCore
import ParleyCore

/// A breach told to the alert webhook (`PARLEY_ALERT_WEBHOOK_URL`), as a job: one per breach
/// (its idempotency key), retried with back-off until the receiver answers 2xx.
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

    struct Refused: Error, CustomStringConvertible {
        var status: UInt
        var description: String { "the alert webhook answered \(status)" }
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

    /// POSTs the job's alert; a refusal or no answer throws, so the job is tried again.
    static func deliver(_ job: Job, to url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: job.payload))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        guard (200..<300).contains(response.status.code) else { throw Refused(status: response.status.code) }
    }
}
