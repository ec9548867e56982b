import Foundation

/// A spike the detector found in one series, as the desk, the webhook and the escalation e-mail
/// show it: "Emerging issue “crash · login · app” on @SpotifyCares: 41 posts in 15 min, 41× the
/// usual for this hour (Thu 14:05 UTC)".
public struct SpikeAlert: Sendable, Equatable, Codable {
    public var id: UUID
    public var series: VolumeSeriesKey
    /// The 5-minute bucket that raised it.
    public var bucketStart: Date
    public var detectedAt: Date
    public var headline: String
    public var last15Minutes: Int
    public var expected15Minutes: Double
    public var ratio: Double
    public var z: Double
    public var issueID: UUID?
    public var handleID: UUID?
    public var acknowledgedBy: UUID?
    public var acknowledgedAt: Date?

    public init(
        id: UUID, series: VolumeSeriesKey, bucketStart: Date, detectedAt: Date, headline: String, last15Minutes: Int,
        expected15Minutes: Double, ratio: Double, z: Double, issueID: UUID? = nil, handleID: UUID? = nil,
        acknowledgedBy: UUID? = nil, acknowledgedAt: Date? = nil
    ) {
        self.id = id
        self.series = series
        self.bucketStart = bucketStart
        self.detectedAt = detectedAt
        self.headline = headline
        self.last15Minutes = last15Minutes
        self.expected15Minutes = expected15Minutes
        self.ratio = ratio
        self.z = z
        self.issueID = issueID
        self.handleID = handleID
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }

    /// After an alert, a series stays quiet this long: one incident, one alert.
    public static let quietAfter: TimeInterval = 86_400
    /// How far back a series is read to learn its usual.
    public static let lookback: TimeInterval = 7 * 86_400

    /// The headline for a point of `subject` ("@AcmeCare", "“outage”", "emerging issue “…” on @AcmeCare").
    public static func headline(subject: String, point: SpikeDetector.Point, bucketEnd: Date) -> String {
        let ratio = point.ratio
        let times = ratio >= 10 ? String(format: "%.0f×", ratio) : String(format: "%.1f×", ratio)
        let when = bucketEnd.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)))
        return "\(subject): \(Int(point.last15Minutes)) posts in 15 min, \(times) the usual for this hour (\(when) UTC)"
    }

    /// The counts a series' buckets give the detector: every 5-minute bucket from `from` to the
    /// last one that has closed at `now`, zero where nothing was counted.
    public static func points(buckets: [(start: Date, count: Int)], from: Date, now: Date) -> [VolumeSample] {
        let first = VolumeSeriesKey.bucketStart(from)
        let closedEnd = VolumeSeriesKey.bucketStart(now)
        let counts = Dictionary(buckets.map { (Int64($0.start.timeIntervalSince1970), $0.count) }, uniquingKeysWith: +)
        var samples: [VolumeSample] = []
        var t = Int64(first.timeIntervalSince1970)
        let end = Int64(closedEnd.timeIntervalSince1970)
        while t < end {
            samples.append(VolumeSample(time: t, value: Double(counts[t] ?? 0)))
            t += Int64(VolumeSeriesKey.bucket)
        }
        return samples
    }
}
