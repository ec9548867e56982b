import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/staffing`: the hourly staffing plan for the coming days against the agents on shift, and
/// each handle's published availability (supervisors and admins).
struct StaffingPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.supervisor).get("staffing", use: page)
    }

    @Sendable func page(req: Request) async throws -> View {
        let now = req.parley.effects.now()
        let handles = try await req.parley.handles.all().sorted { $0.username.lowercased() < $1.username.lowercased() }
        let query = try req.query.decode(DeskStaffing.Request.Query.self)
        let request = try DeskStaffing.Request.parse(query, handles: handles)
        let plan = try await DeskStaffing(database: req.db, now: now).plan(request)
        var availability: [(Handle, Availability)] = []
        for handle in request.handle.map({ [$0] }) ?? handles.filter({ $0.role == .care }) {
            availability.append((handle, try await HandleAvailability.now(handle, on: req.db, at: now)))
        }
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await req.view.render("staffing", StaffingPage(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), plan: plan, query: query,
            handles: handles, availability: availability, time: req.localTime))
    }
}
