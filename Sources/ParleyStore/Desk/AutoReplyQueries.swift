import FluentKit
import FluentSQL
import Foundation

/// Whether automation may publish public replies for a handle (off unless an admin turns it on).
public struct AutoReplyQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func enabled() async throws -> Set<UUID> {
        Set(try await database.requireSQL().select().column("id").from("handles").where("auto_replies", .equal, SQLBind(true)).all()
            .map { try $0.decode(column: "id", as: UUID.self) })
    }

    public func set(_ handleID: UUID, enabled: Bool) async throws {
        let sql = try database.requireSQL()
        try await sql.update("handles").set("auto_replies", to: SQLBind(enabled)).where("id", .equal, SQLValues(sql).uuid(handleID)).run()
    }
}
