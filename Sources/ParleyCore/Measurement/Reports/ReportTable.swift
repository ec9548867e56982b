import Foundation

/// A report: a total row and one row per group, each row from the same cases by the same rule,
/// so a card (the total) and its table can never disagree. Rendered as JSON, CSV and a page.
public protocol ReportTable: Sendable, Encodable {
    associatedtype Row: Sendable, Encodable
    var total: Row { get }
    var groups: [Row] { get }
    static var csvColumns: [String] { get }
    static func csvValues(_ row: Row) -> [String]
}

/// RFC 4180 CSV of a report: a header, the total row, then a row per group. A field that could
/// be read as a formula by a spreadsheet (a label starting `=`, `+`, `-`, `@`) is prefixed
/// with `'`, since labels come from names people typed.
public enum ReportCSV {
    public static func render<T: ReportTable>(_ table: T) -> String {
        var text = T.csvColumns.map(field).joined(separator: ",") + "\r\n"
        for row in [table.total] + table.groups {
            text += T.csvValues(row).map(field).joined(separator: ",") + "\r\n"
        }
        return text
    }

    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as CSV writes it: empty for none, whole seconds to 1 decimal, shares to 4.
    public static func number(_ value: Double?, decimals: Int = 1) -> String {
        guard let value else { return "" }
        return String(format: "%.\(decimals)f", value)
    }
}
