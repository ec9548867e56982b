import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `GET /api/v1/search`: full-text search over messages and their authors, with filters.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    struct SearchQuery: Decodable {
        var q: String?
        var state: String?
        var handle: String?
        var tag: String?
        var assignee: String?
        var intent: String?
        var from: String?
        var to: String?
        var limit: Int?
        var cursor: String?
    }

    @Sendable func search(req: Request) async throws -> SearchResultsDTO {
        let request = try await Self.request(from: req, defaultLimit: 20)
        let page = try await SearchQueries(database: req.db).search(request)
        return SearchResultsDTO(data: page.items.map(SearchHitDTO.init), nextCursor: page.nextCursor?.token)
    }

    /// The query string as a search, or a 400 naming the parameter at fault (never its value).
    static func request(from req: Request, defaultLimit: Int) async throws -> SearchRequest {
        let query = try req.query.decode(SearchQuery.self)
        func bad(_ message: String) -> HTTPError { HTTPError(.badRequest, "bad_request", message) }
        guard let text = query.q, !text.allSatisfy(\.isWhitespace) else { throw bad("q is required.") }
        guard text.count <= 500 else { throw bad("q is longer than 500 characters.") }
        var request = SearchRequest(text: text, limit: query.limit ?? defaultLimit)
        guard (1...100).contains(request.limit) else { throw bad("limit must be between 1 and 100.") }
        if let raw = query.state, !raw.isEmpty {
            guard let state = ConversationState(rawValue: raw) else {
                throw bad("state must be one of: \(ConversationState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            request.state = state
        }
        if let raw = query.intent, !raw.isEmpty {
            guard let intent = TriageIntent(rawValue: raw) else {
                throw bad("intent must be one of: \(TriageIntent.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            request.intent = intent
        }
        if let raw = query.handle, !raw.isEmpty {
            guard let handle = Handle.named(raw, in: try await req.parley.handles.all()) else {
                throw bad("handle is neither a handle's id nor its username.")
            }
            request.handleID = handle.id
        }
        if let raw = query.tag, !raw.isEmpty {
            guard raw.count <= 100 else { throw bad("tag is longer than 100 characters.") }
            request.tag = raw
        }
        if let raw = query.assignee, !raw.isEmpty {
            if raw == "me" {
                request.assigneeID = try req.auth.require(AuthenticatedUser.self).user.id
            } else {
                guard let id = UUID(uuidString: raw) else { throw bad("assignee must be a user id or 'me'.") }
                request.assigneeID = id
            }
        }
        request.from = try query.from.flatMap { try date($0, name: "from", endOfDay: false) }
        request.to = try query.to.flatMap { try date($0, name: "to", endOfDay: true) }
        if let from = request.from, let to = request.to, from >= to { throw bad("from must be before to.") }
        if let token = query.cursor, !token.isEmpty {
            guard let cursor = SearchCursor(token: token) else { throw bad("cursor is not one this API gave out.") }
            request.cursor = cursor
        }
        return request
    }

    private static func date(_ raw: String, name: String, endOfDay: Bool) throws -> Date? {
        guard !raw.isEmpty else { return nil }
        guard let date = InstantOrDay.parse(raw, endOfDay: endOfDay) else {
            throw HTTPError(.badRequest, "bad_request", "\(name) must be \(InstantOrDay.expected).")
        }
        return date
    }
}
