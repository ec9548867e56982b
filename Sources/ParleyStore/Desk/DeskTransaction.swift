import FluentKit
import FluentSQL

/// One transaction for one change of the desk. On SQLite it takes the single write lock first,
/// so a change that reads and then writes cannot fail halfway because another process wrote
/// between the two; on PostgreSQL row locks and the queries' own guards do that work.
public enum DeskTransaction {
    public static func run<T: Sendable>(on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            if sql.dialect.name == "sqlite" {
                try await IngestStore.lockConversations(sql)
            }
            return try await body(db)
        }
    }
}
