/// Median, 90th percentile and mean of a set of durations (nearest rank: the p90 is a time 90%
/// of them met); each nil when there are none.
public struct DurationFigures: Sendable, Equatable, Codable {
    public var count: Int
    public var medianSeconds: Double?
    public var p90Seconds: Double?
    public var meanSeconds: Double?

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        medianSeconds = ResponseTimeReport.percentile(sorted, 0.5)
        p90Seconds = ResponseTimeReport.percentile(sorted, 0.9)
        meanSeconds = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
    }

    enum CodingKeys: String, CodingKey {
        case count
        case medianSeconds = "median_seconds"
        case p90Seconds = "p90_seconds"
        case meanSeconds = "mean_seconds"
    }

    /// Every key present; a figure of nothing is `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(medianSeconds, forKey: .medianSeconds)
        try c.encode(p90Seconds, forKey: .p90Seconds)
        try c.encode(meanSeconds, forKey: .meanSeconds)
    }
}
