import Foundation
import ParleyCore
import ParleyStore

/// Teams and their members (admins: the routes and the admin page require it).
struct TeamActions: Sendable {
    let context: ActionContext

    func create(named raw: String) async throws -> Team {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80 else { throw DeskError.invalid(code: "bad_request", "A team name is 1 to 80 characters.") }
        return try await context.commit { tx in
            let teams = TeamQueries(database: tx.database)
            guard try await teams.find(name: name) == nil else { throw DeskError.conflict(code: "exists", "A team named '\(name)' exists.") }
            return Change(try await teams.create(id: tx.effects.newID(), name: name, at: tx.now))
        }
    }

    @discardableResult
    func addMember(_ user: UUID, to team: UUID) async throws -> Team {
        try await context.commit { tx in
            let teams = TeamQueries(database: tx.database)
            guard try await teams.find(team) != nil else { throw DeskError.notFound("team") }
            guard try await AgentQueries(database: tx.database).profile(user) != nil else { throw DeskError.notFound("user") }
            try await teams.addMember(user, to: team)
            guard let saved = try await teams.find(team) else { throw DeskError.notFound("team") }
            return Change(saved)
        }
    }

    func removeMember(_ user: UUID, from team: UUID) async throws -> Team {
        try await context.commit { tx in
            let teams = TeamQueries(database: tx.database)
            try await teams.removeMember(user, from: team)
            guard let saved = try await teams.find(team) else { throw DeskError.notFound("team") }
            return Change(saved)
        }
    }
}
