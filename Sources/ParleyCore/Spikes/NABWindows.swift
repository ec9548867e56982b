import Foundation

/// NAB's labels file (`labels/combined_windows.json`): for each data file, its anomaly windows as
/// pairs of timestamps.
public enum NABWindows {
    public enum ParseError: Error, CustomStringConvertible {
        case notJSON(String)
        case badTimestamp(file: String, text: String)

        public var description: String {
            switch self {
            case .notJSON(let reason): "the windows file is not NAB's combined_windows.json: \(reason)"
            case .badTimestamp(let file, let text): "window of \(file): \"\(text)\" is not a timestamp"
            }
        }
    }

    /// Windows by the file's path as NAB writes it (`realTweets/Twitter_volume_AAPL.csv`).
    public static func parse(_ data: Data) throws(ParseError) -> [String: [AnomalyWindow]] {
        let decoded: [String: [[String]]]
        do {
            decoded = try JSONDecoder().decode([String: [[String]]].self, from: data)
        } catch {
            throw .notJSON(String(describing: error))
        }
        var windows: [String: [AnomalyWindow]] = [:]
        for (file, pairs) in decoded {
            windows[file] = try pairs.map { pair throws(ParseError) in
                guard pair.count == 2 else { throw .badTimestamp(file: file, text: pair.joined(separator: ",")) }
                guard let start = SeriesTimestamp.seconds(pair[0][...]) else { throw .badTimestamp(file: file, text: pair[0]) }
                guard let end = SeriesTimestamp.seconds(pair[1][...]) else { throw .badTimestamp(file: file, text: pair[1]) }
                return AnomalyWindow(start: start, end: end)
            }
        }
        return windows
    }
}
