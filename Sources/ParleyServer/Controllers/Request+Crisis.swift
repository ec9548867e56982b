import ParleyCore
import ParleyStore
import Vapor

extension Request {
    /// Crisis mode's banner for the page header, in the viewer's time, or nil when it is off.
    func crisisBanner() async throws -> CrisisBanner? {
        guard let crisis = try await CrisisQueries(database: db).active() else { return nil }
        let handles = try await HandleQueries(database: db).all().filter { crisis.handleIDs.contains($0.id) }
        return CrisisBanner(
            reason: crisis.reason, since: localTime.format(crisis.startedAt),
            handles: handles.map { "@" + $0.username }.joined(separator: ", "))
    }
}
