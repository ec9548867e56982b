import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The queue's views, shared by the inbox and the API: all, mine, unassigned, my teams,
/// breaching soon, and by tag.
enum QueueView: String, CaseIterable {
    case all
    case mine
    case unassigned
    case team
    case breaching
}

extension RequestParley {
    func queueFilter(view rawView: String?, tag rawTag: String?, user: DeskUser) async throws -> QueueFilter {
        guard let view = QueueView(rawValue: rawView ?? "all") else {
            throw HTTPError(.badRequest, "bad_request", "view must be one of: \(QueueView.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        var filter = QueueFilter()
        switch view {
        case .all: break
        case .mine: filter.assigneeID = user.id
        case .unassigned: filter.unassignedOnly = true
        case .team: filter.teamIDs = try await TeamQueries(database: database).all().filter { $0.memberIDs.contains(user.id) }.map(\.id)
        case .breaching: filter.breachingOnly = true
        }
        if let rawTag, !rawTag.isEmpty {
            guard let tag = TagRule.normalize(rawTag) else { throw HTTPError(.badRequest, "bad_request", "'\(rawTag)' is not a tag.") }
            filter.conversationIDs = try await TagQueries(database: database).conversations(tagged: tag)
        }
        return filter
    }
}
