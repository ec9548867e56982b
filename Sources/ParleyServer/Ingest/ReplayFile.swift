import Foundation
import ParleyCore

/// A JSONL file of X payloads, read as raw lines (bytes, not strings: a line that is not valid
/// UTF-8 must still reach the journal, to be kept and marked malformed).
public struct ReplayFile: Sendable {
    public let lines: [Data]

    public init(contentsOf url: URL) throws {
        self.init(data: try Data(contentsOf: url))
    }

    public init(data: Data) {
        var lines: [Data] = []
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if index > start { lines.append(data[start..<index]) }
            start = data.index(after: index)
        }
        if start < data.endIndex { lines.append(data[start..<data.endIndex]) }
        self.lines = lines.map { line in
            var line = Data(line)
            if line.last == 0x0D { line.removeLast() }
            return line
        }.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// The post or DM time a line carries, for pacing a replay (nil when there is none).
    public static func timestamp(of line: Data) -> Date? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return nil }
        var candidate: Any? = object["data"]
        if let array = candidate as? [Any] { candidate = array.first }
        guard let data = candidate as? [String: Any], let created = data["created_at"] as? String else { return nil }
        return (try? Date(created, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(created, strategy: .iso8601))
    }
}

/// How fast a replay goes: as fast as the store takes it, or N times real time.
public enum ReplaySpeed: Sendable, Equatable {
    case max
    case times(Double)

    public init?(argument: String) {
        if argument == "max" { self = .max; return }
        guard let value = Double(argument), value > 0 else { return nil }
        self = .times(value)
    }
}
