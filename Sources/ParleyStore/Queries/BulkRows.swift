import FluentKit
import FluentSQL
import FluentSQLiteDriver
import Foundation
import Synchronization

/// One row of a bulk read, its columns by position.
protocol BulkRow {
    func date(_ column: Int) -> Date?
    func double(_ column: Int) -> Double?
    func int(_ column: Int) -> Int?
    func string(_ column: Int) -> String?
    func uuid(_ column: Int) -> UUID?
}

/// Reads tens of thousands of rows of plain values, as the reports do. Through SQLKit, SQLite
/// hands every row to the event loop as its own task (a few microseconds a row, most of a large
/// report's time); here SQLite's rows are collected on its thread straight from the connection,
/// then turned into values on every core. PostgreSQL streams its rows already and is read
/// through SQLKit.
enum BulkRows {
    static func read<T: Sendable>(
        _ database: any Database, _ query: SQLQueryString, _ transform: @escaping @Sendable (any BulkRow) throws -> T
    ) async throws -> [T] {
        let sql = try database.requireSQL()
        guard let sqlite = database as? any SQLiteDatabase else {
            return try await sql.raw(query).all().map { try transform(KitRow(row: $0, columns: $0.allColumns)) }
        }
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        let text = serializer.sql
        let collected = Mutex<[SQLiteRow]>([])
        try await sqlite.withConnection { connection in
            try await connection.query(text, binds) { row in
                collected.withLock { $0.append(row) }
            }
        }
        let rows = collected.withLock { rows in
            defer { rows = [] }
            return rows
        }
        // SQLite steps on one thread; reading the values is spread over the cores.
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows.count / 5_000))
        guard parts > 1 else { return try rows.map { try transform(LiteRow(row: $0)) } }
        let size = (rows.count + parts - 1) / parts
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for part in 0..<parts {
                let slice = rows[min(rows.count, part * size)..<min(rows.count, (part + 1) * size)]
                group.addTask { (part, try slice.map { try transform(LiteRow(row: $0)) }) }
            }
            var done = [[T]](repeating: [], count: parts)
            for try await (part, values) in group { done[part] = values }
            return done.flatMap { $0 }
        }
    }

    /// `UUID(uuidString:)` without its `sscanf` (a tenth of a large report's time): 36
    /// characters, hex digits in either case and hyphens at 8, 13, 18 and 23.
    static func uuid(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var ok = true
            withUnsafeMutableBytes(of: &value) { out in
                var j = 0, i = 0
                func hex(_ c: UInt8) -> UInt8? {
                    switch c {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
                    default: nil
                    }
                }
                while i < 36, ok {
                    if i == 8 || i == 13 || i == 18 || i == 23 {
                        ok = bytes[i] == UInt8(ascii: "-")
                        i += 1
                        continue
                    }
                    guard let high = hex(bytes[i]), let low = hex(bytes[i + 1]) else {
                        ok = false
                        break
                    }
                    out[j] = high << 4 | low
                    j += 1
                    i += 2
                }
            }
            return ok ? UUID(uuid: value) : nil
        }
    }

    private struct LiteRow: BulkRow {
        let row: SQLiteRow
        let data: [SQLiteData]

        init(row: SQLiteRow) {
            self.row = row
            data = row.columns.map(\.data)
        }

        func date(_ column: Int) -> Date? { Date(sqliteData: data[column]) }
        func double(_ column: Int) -> Double? { Double(sqliteData: data[column]) }
        func int(_ column: Int) -> Int? { Int(sqliteData: data[column]) }
        func string(_ column: Int) -> String? { String(sqliteData: data[column]) }
        func uuid(_ column: Int) -> UUID? {
            guard case .text(let text) = data[column] else { return nil }
            return BulkRows.uuid(text)
        }
    }

    private struct KitRow: BulkRow {
        let row: any SQLRow
        let columns: [String]

        func value<V: Decodable>(_ column: Int, _ type: V.Type) -> V? { (try? row.decode(column: columns[column], as: V?.self)) ?? nil }
        func date(_ column: Int) -> Date? { value(column, Date.self) }
        func double(_ column: Int) -> Double? { value(column, Double.self) }
        func int(_ column: Int) -> Int? { value(column, Int.self) }
        func string(_ column: Int) -> String? { value(column, String.self) }
        func uuid(_ column: Int) -> UUID? { value(column, UUID.self) }
    }
}
