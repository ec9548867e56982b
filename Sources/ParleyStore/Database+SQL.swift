import FluentKit
import FluentSQL

extension Database {
    /// The SQL layer under Fluent. Both supported engines (SQLite, PostgreSQL) are SQL databases.
    func requireSQL() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw StoreError.invalid("Parley needs an SQL database.") }
        return sql
    }
}
