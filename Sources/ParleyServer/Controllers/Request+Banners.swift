import ParleyCore
import ParleyStore
import Vapor

extension Request {
    /// Crisis mode's banner (in the viewer's time) and the last day's unacknowledged spike alerts,
    /// for the page header.
    func banners() async throws -> Banners {
        var banners = Banners()
        let now = parley.effects.now()
        banners.alerts = try await ListeningQueries(database: db).alerts(since: now.addingTimeInterval(-86_400), limit: 5)
            .filter { $0.acknowledgedAt == nil }.map { AlertBanner(id: $0.id.uuidString, headline: $0.headline) }
        guard let crisis = try await CrisisQueries(database: db).active() else { return banners }
        let handles = try await HandleQueries(database: db).all().filter { crisis.handleIDs.contains($0.id) }
        banners.crisis = CrisisBanner(
            reason: crisis.reason, since: localTime.format(crisis.startedAt),
            handles: handles.map { "@" + $0.username }.joined(separator: ", "))
        return banners
    }
}
