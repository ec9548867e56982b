import FluentKit
import FluentSQL
import Foundation
import ParleyCore

public struct TeamQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func create(id: UUID, name: String, at date: Date) async throws -> Team {
        let sql = try database.requireSQL()
        try await sql.insert(into: "teams").columns("id", "name", "created_at")
            .values(SQLValues(sql).uuid(id), SQLBind(name), SQLBind(date)).run()
        return Team(id: id, name: name, memberIDs: [])
    }

    public func all() async throws -> [Team] {
        let sql = try database.requireSQL()
        let members = try await sql.select().columns("team_id", "user_id").from("team_members").all()
            .reduce(into: [UUID: [UUID]]()) { result, row in
                result[try row.decode(column: "team_id", as: UUID.self), default: []].append(try row.decode(column: "user_id", as: UUID.self))
            }
        return try await sql.select().columns("id", "name").from("teams").orderBy("name").all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return Team(id: id, name: try row.decode(column: "name", as: String.self),
                        memberIDs: (members[id] ?? []).sorted { $0.uuidString < $1.uuidString })
        }
    }

    public func find(_ id: UUID) async throws -> Team? {
        try await all().first { $0.id == id }
    }

    public func find(name: String) async throws -> Team? {
        try await all().first { $0.name.lowercased() == name.lowercased() }
    }

    public func addMember(_ userID: UUID, to teamID: UUID) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.insert(into: "team_members").columns("team_id", "user_id").values(v.uuid(teamID), v.uuid(userID))
            .ignoringConflicts(with: ["team_id", "user_id"]).run()
    }

    public func removeMember(_ userID: UUID, from teamID: UUID) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.delete(from: "team_members").where("team_id", .equal, v.uuid(teamID)).where("user_id", .equal, v.uuid(userID)).run()
    }
}
