import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// An agent's desk settings and current load, as the dashboard and assignment see them.
public struct AgentProfile: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var email: String
    public var role: UserRole
    public var status: AgentStatus
    public var capacity: Int
    public var skills: [String]
    public var lastActiveAt: Date?
    /// Open (not resolved) cases assigned to them.
    public var open: Int
    public var lastAssignedAt: Date?
    /// Weekly shifts as written (`WeeklyHours`), if given.
    public var shifts: String?

    public var load: AgentLoad {
        AgentLoad(id: id, status: status, capacity: capacity, open: open, skills: Set(skills), lastAssignedAt: lastAssignedAt)
    }
}

public struct AgentQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Every user with their load; only `teamID`'s members when given.
    public func profiles(teamID: UUID? = nil) async throws -> [AgentProfile] {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        let teamFilter: SQLQueryString = teamID.map { "WHERE u.id IN (SELECT user_id FROM team_members WHERE team_id = \(v.uuid($0)))" } ?? ""
        return try await sql.raw("""
            SELECT u.id, u.name, u.email, u.role, u.status, u.capacity, u.skills, u.last_active_at, u.shifts,
                   (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = u.id AND c.state <> 'resolved') AS open_count,
                   (SELECT MAX(c.assigned_at) FROM conversations c WHERE c.assignee_id = u.id) AS last_assigned_at
            FROM users u \(teamFilter) ORDER BY u.name, u.id
            """).all().map(Self.profile)
    }

    public func profile(_ id: UUID) async throws -> AgentProfile? {
        try await profiles().first { $0.id == id }
    }

    static func profile(_ row: any SQLRow) throws -> AgentProfile {
        let role = try row.decode(column: "role", as: String.self)
        let status = try row.decode(column: "status", as: String.self)
        guard let knownRole = UserRole(rawValue: role) else { throw StoreError.corruptValue(table: "users", column: "role", value: role) }
        guard let knownStatus = AgentStatus(rawValue: status) else {
            throw StoreError.corruptValue(table: "users", column: "status", value: status)
        }
        return AgentProfile(
            id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self), role: knownRole, status: knownStatus,
            capacity: try row.decode(column: "capacity", as: Int.self),
            skills: try row.decode(column: "skills", as: String.self).split(separator: "\n").map(String.init),
            lastActiveAt: try row.decode(column: "last_active_at", as: Date?.self),
            open: try row.decode(column: "open_count", as: Int.self),
            lastAssignedAt: try row.decode(column: "last_assigned_at", as: Date?.self),
            shifts: try row.decode(column: "shifts", as: String?.self))
    }

    public func setStatus(_ id: UUID, _ status: AgentStatus, at date: Date) async throws {
        let sql = try database.requireSQL()
        try await sql.update("users").set("status", to: SQLBind(status.rawValue)).set("last_active_at", to: SQLBind(date))
            .where("id", .equal, SQLValues(sql).uuid(id)).run()
    }

    /// Capacity (0–500) and skills (lower-cased, one per line).
    public func setCapacity(_ id: UUID, capacity: Int, skills: [String]) async throws {
        let sql = try database.requireSQL()
        try await sql.update("users").set("capacity", to: SQLBind(capacity))
            .set("skills", to: SQLBind(skills.map { $0.lowercased() }.joined(separator: "\n")))
            .where("id", .equal, SQLValues(sql).uuid(id)).run()
    }

    /// Weekly shifts, already checked (`WeeklyHours.text` of a parsed calendar); nil clears them.
    public func setShifts(_ id: UUID, _ shifts: String?) async throws {
        let sql = try database.requireSQL()
        try await sql.update("users").set("shifts", to: SQLValues(sql).optional(shifts)).where("id", .equal, SQLValues(sql).uuid(id)).run()
    }

    /// The agent did something: keeps them from going away for idleness.
    public func touch(_ id: UUID, at date: Date) async throws {
        let sql = try database.requireSQL()
        try await sql.update("users").set("last_active_at", to: SQLBind(date)).where("id", .equal, SQLValues(sql).uuid(id)).run()
    }

    /// Online agents idle since before `cutoff` become away; returns who.
    public func markIdleAway(before cutoff: Date) async throws -> [UUID] {
        let sql = try database.requireSQL()
        let ids = try await sql.raw("""
            SELECT id FROM users WHERE status = \(bind: AgentStatus.online.rawValue)
            AND (last_active_at IS NULL OR last_active_at < \(bind: cutoff))
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        try await sql.update("users").set("status", to: SQLBind(AgentStatus.away.rawValue))
            .where(SQLIdentifier("id"), .in, SQLValues(sql).uuids(ids)).run()
        return ids
    }
}
