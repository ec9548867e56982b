import Foundation
import ParleyCore
import ParleyStore

/// SLA policies (admins): for one handle or every handle, and priorities from a band up.
struct SLAPolicyActions: Sendable {
    let context: ActionContext

    /// Checked when saved: targets in range, a calendar that is valid and open some time, a known handle.
    /// A new policy, or (with `id`) a saved one replaced.
    func save(_ policy: SLAPolicy, id: UUID? = nil, handleID: UUID?, minPriority: Int?) async throws -> StoredSLAPolicy {
        do {
            try policy.validate()
        } catch {
            throw DeskError.rejected(code: "invalid_policy", error.description)
        }
        let band = minPriority ?? 0
        guard (0...100).contains(band) else { throw DeskError.rejected(code: "invalid_policy", "'min_priority' is 0 to 100.") }
        return try await context.commit { tx in
            if let handle = handleID, try await HandleQueries(database: tx.database).find(handle) == nil {
                throw DeskError.rejected(code: "invalid_policy", "No handle \(handle.uuidString).")
            }
            let queries = SLAQueries(database: tx.database)
            if let id, !(try await queries.policies().contains { $0.id == id }) { throw DeskError.notFound("SLA policy") }
            let stored = StoredSLAPolicy(id: id ?? tx.effects.newID(), handleID: handleID, minPriority: band, policy: policy)
            try await queries.save(stored, at: tx.now)
            return Change(stored)
        }
    }

    func delete(_ id: UUID) async throws {
        try await context.commit { tx in
            guard try await SLAQueries(database: tx.database).delete(id) else { throw DeskError.notFound("SLA policy") }
            return Change(())
        }
    }
}
