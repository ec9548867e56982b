import Foundation
import ParleyCore
import ParleyStore

/// People on the desk: new users, and each agent's capacity and skills (admins).
struct AgentActions: Sendable {
    let context: ActionContext

    /// A new user; `hash` turns the password into what the login form checks.
    func create(email: String, name rawName: String, password: String, role: UserRole, hash: @Sendable (String) throws -> String) async throws -> DeskUser {
        guard password.count >= 12 else { throw DeskError.invalid(code: "weak_password", "A password is at least 12 characters.") }
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else { throw DeskError.invalid(code: "bad_request", "A user needs a name (up to 120 characters).") }
        let passwordHash = try hash(password)
        return try await context.commit { tx in
            Change(try await UserQueries(database: tx.database).create(
                email: email, name: name, passwordHash: passwordHash, role: role, at: tx.now, id: tx.effects.newID()))
        }
    }

    @discardableResult
    func setCapacity(_ user: UUID, capacity: Int, skills raw: [String]) async throws -> AgentProfile {
        guard (0...500).contains(capacity) else { throw DeskError.invalid(code: "bad_request", "'capacity' is 0 to 500.") }
        let skills = try TagRule.skills(raw)
        return try await context.commit { tx in
            let agents = AgentQueries(database: tx.database)
            guard try await agents.profile(user) != nil else { throw DeskError.notFound("user") }
            try await agents.setCapacity(user, capacity: capacity, skills: skills)
            guard let profile = try await agents.profile(user) else { throw DeskError.notFound("user") }
            return Change(profile)
        }
    }

    /// Weekly shifts as people write them (`Mon-Fri 09:00-17:30 Europe/London`); blank clears them.
    func setShifts(_ user: UUID, _ text: String?) async throws -> AgentProfile {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var canonical: String?
        if !trimmed.isEmpty {
            guard trimmed.count <= 300 else { throw DeskError.invalid(code: "invalid_shifts", "Shifts are at most 300 characters.") }
            do {
                canonical = WeeklyHours.text(try WeeklyHours.parse(trimmed))
            } catch {
                throw DeskError.invalid(code: "invalid_shifts", "Shifts: \(error.description) (e.g. \(WeeklyHours.example)).")
            }
        }
        let shifts = canonical
        return try await context.commit { tx in
            let agents = AgentQueries(database: tx.database)
            guard try await agents.profile(user) != nil else { throw DeskError.notFound("user") }
            try await agents.setShifts(user, shifts)
            guard let profile = try await agents.profile(user) else { throw DeskError.notFound("user") }
            return Change(profile)
        }
    }
}
