import Foundation
import ParleyCore
import ParleyStore

/// An agent's own status: online takes new cases, away and offline do not.
struct SetStatusAction: Sendable {
    let context: ActionContext

    @discardableResult
    func run(_ status: AgentStatus, for user: UUID) async throws -> AgentProfile {
        try await context.commit { tx in
            try await AgentQueries(database: tx.database).setStatus(user, status, at: tx.now)
            guard let profile = try await AgentQueries(database: tx.database).profile(user) else { throw DeskError.notFound("agent") }
            return Change(profile)
        }
    }
}
