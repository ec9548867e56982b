import Fluent
import Foundation
import ParleyCore
import ParleyStore

/// A handle's published availability from the live queue, the recent first responses and its SLA
/// calendar: `GET /api/v1/handles/{id}/availability` and templates' `{{expected_wait}}`.
enum HandleAvailability {
    static func now(_ handle: Handle, on database: any Database, at now: Date) async throws -> Availability {
        let sla = SLAQueries(database: database)
        let policy = StoredSLAPolicy.choose(try await sla.policies(), handleID: handle.id, priority: 0)?.policy
        let calendar = policy?.calendar ?? BusinessCalendar.alwaysOpen
        let responses = try await sla.firstResponses(handleID: handle.id, since: now.addingTimeInterval(-7 * 24 * 3600))
            .map { calendar.elapsed(from: $0.opened, to: $0.responded) }
        let online = try await AgentQueries(database: database).profiles().filter { $0.status == .online }.count
        return Availability.now(
            now, calendar: calendar, recentFirstResponses: responses, waiting: try await sla.waitingCount(handleID: handle.id),
            agentsOnline: online, targetMinutes: policy?.firstResponseMinutes)
    }
}
