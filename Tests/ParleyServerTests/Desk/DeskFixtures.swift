import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Vapor
@testable import ParleyServer

/// Agents, a team and waiting cases written straight to the store, for the desk's tests.
enum DeskFixtures {
    struct Agent {
        var id: UUID
        var capacity: Int
        var status: AgentStatus
    }

    static func agents(_ app: Application, _ specs: [(capacity: Int, status: AgentStatus)], role: UserRole = .agent) async throws -> [Agent] {
        var agents: [Agent] = []
        for (n, spec) in specs.enumerated() {
            let user = try await UserQueries(database: app.db).create(
                email: "agent\(n)-\(UUID().uuidString.prefix(6))@example.com", name: "Agent \(n)", passwordHash: "x", role: role,
                at: Date(), id: UUID())
            try await AgentQueries(database: app.db).setCapacity(user.id, capacity: spec.capacity, skills: [])
            try await AgentQueries(database: app.db).setStatus(user.id, spec.status, at: Date())
            agents.append(Agent(id: user.id, capacity: spec.capacity, status: spec.status))
        }
        return agents
    }

    static func team(_ app: Application, _ agents: [Agent], name: String = "Care") async throws -> UUID {
        let team = try await TeamQueries(database: app.db).create(id: UUID(), name: name, at: Date())
        for agent in agents { try await TeamQueries(database: app.db).addMember(agent.id, to: team.id) }
        return team.id
    }

    /// `count` open, unassigned cases in the team's queue.
    @discardableResult
    static func waitingCases(_ app: Application, team: UUID, count: Int, start: Int = 0) async throws -> [UUID] {
        let sql = try app.db.requireSQL()
        let v = SQLValues(sql)
        var ids: [UUID] = []
        for chunk in stride(from: 0, to: count, by: 200) {
            var insert = sql.insert(into: "conversations").columns(
                "id", "handle_id", "customer_id", "state", "has_public", "has_dm", "opened_at", "last_message_at",
                "message_count", "team_id")
            for n in chunk..<min(chunk + 200, count) {
                let id = UUID()
                ids.append(id)
                let at = Date(timeIntervalSince1970: 1_800_000_000 + Double(start + n))
                insert = insert.values(
                    v.uuid(id), v.uuid(UUID()), v.uuid(UUID()), SQLBind("open"), SQLBind(true), SQLBind(false), SQLBind(at),
                    SQLBind(at), SQLBind(1), v.uuid(team))
            }
            try await insert.run()
        }
        return ids
    }
}
