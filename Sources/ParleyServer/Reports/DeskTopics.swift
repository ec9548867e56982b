import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// What customers wrote about in the last days, grouped into topics per handle, for the page
/// and the export: `handle` (all when absent) and `days` (1–30, default 7).
struct DeskTopics: Sendable {
    struct Query: Decodable {
        var handle: String?
        var days: String?
        var format: String?
    }

    var handle: Handle?
    var days: Int
    var csv: Bool
    var from: Date
    var to: Date

    static func parse(_ query: Query, handles: [Handle], now: Date) throws -> DeskTopics {
        func bad(_ message: String) -> HTTPError { HTTPError(.badRequest, "bad_request", message) }
        var handle: Handle?
        if let raw = query.handle, !raw.isEmpty {
            guard let named = Handle.named(raw, in: handles) else { throw bad("handle is neither a handle's id nor its username.") }
            handle = named
        }
        var days = 7
        if let raw = query.days, !raw.isEmpty {
            guard let n = Int(raw), (1...30).contains(n) else { throw bad("days must be a whole number from 1 to 30.") }
            days = n
        }
        var csv = false
        if let raw = query.format, !raw.isEmpty {
            guard raw == "csv" || raw == "json" else { throw bad("format must be json or csv.") }
            csv = raw == "csv"
        }
        return DeskTopics(handle: handle, days: days, csv: csv, from: now.addingTimeInterval(-Double(days) * 86_400), to: now)
    }

    func digest(on database: any Database, handles: [Handle]) async throws -> TopicDigest {
        TopicDigest(try await TopicQueries(database: database).customerMessages(handleID: handle?.id, from: from, to: to),
                    handles: handles, from: from, to: to)
    }
}
