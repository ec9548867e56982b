import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// What each handle has left of its posting limits now, for the composer, the calendar and the API.
enum PostingLimitsView {
    static func all(on database: any Database, now: Date) async throws -> [(Handle, PostingLimits.Remaining)] {
        let outbox = OutboxQueries(database: database)
        var result: [(Handle, PostingLimits.Remaining)] = []
        for handle in try await HandleQueries(database: database).all() {
            let history = try await outbox.history(handleID: handle.id, since: now.addingTimeInterval(-PostingLimits.day))
            result.append((handle, handle.postingLimits.remaining(sent: history, now: now)))
        }
        return result
    }
}
