import Foundation
import ParleyStore
import Vapor

/// `GET /search`: the inbox's search page, with the API's parameters and validation.
struct SearchPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    @Sendable func search(req: Request) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let q = (try? req.query.get(String.self, at: "q")) ?? ""
        var hits: [SearchHit] = []
        var nextCursor: String?
        if !q.allSatisfy(\.isWhitespace) {
            let page = try await SearchQueries(database: req.db).search(try await SearchController.request(from: req, defaultLimit: 50))
            hits = page.items
            nextCursor = page.nextCursor?.token
        }
        return try await req.view.render(
            "search", SearchResultsPage(user: user, csrf: CSRFProtection.token(for: req), q: q, hits: hits, nextCursor: nextCursor, time: req.localTime, banners: try await req.banners()))
    }
}
