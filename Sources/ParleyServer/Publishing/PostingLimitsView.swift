import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// What each handle has left of its posting limits now, for the composer, the calendar and the API.
enum PostingLimitsView {
    static func all(on database: any Database, now: Date) async throws -> [(Handle, PostingLimits.Remaining)] {
        var result: [(Handle, PostingLimits.Remaining)] = []
        for handle in try await HandleQueries(database: database).all() {
            result.append((handle, try await remaining(handle, on: database, now: now)))
        }
        return result
    }

    /// One handle's: what a reply's composer shows.
    static func remaining(_ handle: Handle, on database: any Database, now: Date) async throws -> PostingLimits.Remaining {
        let history = try await OutboxQueries(database: database).history(handleID: handle.id, since: now.addingTimeInterval(-PostingLimits.day))
        return handle.postingLimits.remaining(sent: history, now: now)
    }
}
