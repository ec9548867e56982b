import FluentSQL
import Foundation

/// Bind values for the ingest's bulk statements, without the generic `Encodable` path where the
/// driver has a direct one. SQLiteKit converts `String`, `Int`, `Bool`, `Date` and `Data` directly
/// but runs `UUID` and every `Optional` through an `Encoder`; at thousands of binds per batch that
/// was a third of the write time (`parley bench ingest`). A UUID is stored as its text in SQLite
/// (what the `Encoder` path writes too), and as a native `uuid` in PostgreSQL.
struct SQLValues {
    let isSQLite: Bool

    init(_ sql: any SQLDatabase) {
        isSQLite = sql.dialect.name == "sqlite"
    }

    func uuid(_ value: UUID) -> any SQLExpression {
        isSQLite ? SQLBind(value.uuidString) : SQLBind(value)
    }

    func uuid(_ value: UUID?) -> any SQLExpression {
        value.map { uuid($0) } ?? SQLLiteral.null
    }

    func optional<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }

    func uuids(_ values: [UUID]) -> any SQLExpression {
        SQLGroupExpression(values.map { uuid($0) })
    }
}
