import Foundation

/// Reads NAB's series format: a `timestamp,value` header, then one `timestamp,value` row a line.
///
/// A bad row is reported with its line number and skipped, so one broken line never loses the rest
/// of the series. The timestamp text is kept as written, so output can echo it byte for byte.
public struct VolumeSeriesCSV: Sendable {
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var timestamp: Substring
        public var sample: VolumeSample
    }

    public struct LineError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The number of the last line read. Rows are kept in file order, as NAB scores them, even
    /// where a series' clock steps back.
    public private(set) var line = 0

    public init() {}

    /// Reads one line (without its newline). Returns nil for the header and blank lines.
    public mutating func read(_ text: Substring) -> Result<Row, LineError>? {
        line += 1
        let trimmed = text.last == "\r" ? text.dropLast() : text
        if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        if line == 1 {
            let columns = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.lowercased() }
            if columns.count >= 2, columns[0] == "timestamp", columns[1] == "value" { return nil }
            // A file without its header starts with a row.
            if case .success(let row) = Self.row(trimmed, line: line) { return .success(row) }
            return .failure(LineError(line: line, reason: "expected the header timestamp,value, found \"\(Self.shown(trimmed))\""))
        }
        return Self.row(trimmed, line: line)
    }

    static func row(_ trimmed: Substring, line: Int) -> Result<Row, LineError> {
        let fields = trimmed.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count >= 2 else {
            return .failure(LineError(line: line, reason: "expected timestamp,value, found \"\(Self.shown(trimmed))\""))
        }
        guard let time = SeriesTimestamp.seconds(fields[0]) else {
            return .failure(LineError(line: line, reason: "\"\(Self.shown(fields[0]))\" is not a timestamp like 2015-02-26 21:42:53"))
        }
        guard let value = Double(fields[1]) ?? Double(fields[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
            return .failure(LineError(line: line, reason: "\"\(Self.shown(fields[1]))\" is not a number"))
        }
        return .success(Row(line: line, timestamp: fields[0], sample: VolumeSample(time: time, value: value)))
    }

    /// Every row of a whole file, and the errors of the rows left out.
    public static func parse(_ text: String) -> (rows: [Row], errors: [LineError]) {
        var reader = VolumeSeriesCSV()
        var rows: [Row] = []
        var errors: [LineError] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            switch reader.read(line) {
            case .success(let row): rows.append(row)
            case .failure(let error): errors.append(error)
            case nil: break
            }
        }
        return (rows, errors)
    }

    /// Untrusted text in an error message: at most 60 characters, control characters as `?`.
    static func shown(_ text: Substring) -> String {
        let cleaned = String(text.prefix(60).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? "?" : $0 })
        return text.count > 60 ? cleaned + "…" : cleaned
    }
}
