/// A labelled anomaly window of a series: from `start` to `end` inclusive, in seconds since 1970.
/// NAB's `combined_windows.json` lists them per file.
public struct AnomalyWindow: Sendable, Hashable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }
}
