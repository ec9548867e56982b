import FluentKit
import Foundation

/// Table `journal_events`: every raw event exactly as received, appended before it is acknowledged.
/// `@unchecked Sendable`: see `HandleRecord`.
final class JournalEventRecord: Model, @unchecked Sendable {
    static let schema = "journal_events"

    /// The journal's order: events are processed by ascending `id`.
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "source") var source: String
    @Field(key: "external_id") var externalID: String
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "payload") var payload: Data
    @Field(key: "status") var status: String
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "processed_at") var processedAt: Date?

    init() {}
}
