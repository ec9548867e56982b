import Foundation

/// Finds upward spikes in a volume series of 5-minute counts, online and causally: each point is
/// scored from what came before it (and itself), then learnt from. Constant time and memory per
/// point (about 80 numbers per series), one configuration for every series.
///
/// How it scores a point, at two scales (the last 15 minutes and the last 2 hours):
/// 1. The count over the scale under Anscombe's square root, `√(sum + 3/8)`, which makes Poisson
///    noise about equally wide (≈ 0.5) at any volume.
/// 2. The usual for now: a slowly moving level plus a correction for the hour of day (24 slots,
///    by the timestamp's hour in UTC), each an exponentially weighted mean of past residuals
///    (memory about three days).
/// 3. The residual over a robust scale (the moving mean absolute residual, never below the
///    Poisson 0.5), as `z`. Residuals are clipped at two scales before they are learnt, so a
///    spike barely moves the usual.
/// 4. An alert needs the 15-minute `z ≥ 6.5` and at least half the recent peak `z` (that peak
///    halves every week), confirmed by the 2-hour `z ≥ 4`: a blip of one bucket, or a series
///    that is always jumpy, does not alert. After an alert the series stays quiet for 24 hours
///    (one incident, one alert), and nothing alerts in the first day.
/// The score is the smaller of `z / (z + threshold)` at each scale, so it crosses 0.5 exactly
/// where both `z`s cross their thresholds.
public struct SpikeDetector: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var shortPoints = 3
        public var longPoints = 24
        public var levelRate = 0.00125
        public var seasonRate = 0.01
        public var scaleRate = 0.00125
        public var clip = 2.0
        public var minimumScale = 0.5
        public var alertZ = 6.5
        public var confirmZ = 4.0
        public var novelty = 0.5
        public var peakHalfLife = 2_016.0
        public var refractoryPoints = 288
        public var warmUpPoints = 288

        public init() {}
    }

    /// What the detector says of one point, with what a person reads in an alert.
    public struct Point: Sendable, Equatable {
        /// 0 to 1; 0.5 and above is past the alert thresholds.
        public var score: Double
        public var alert: Bool
        /// The 15-minute and the 2-hour z.
        public var z: Double
        public var longZ: Double
        /// Posts in the 15 minutes ending with this point, and the usual for them.
        public var last15Minutes: Double
        public var expected15Minutes: Double
        /// Posts in the 2 hours ending with this point, and the usual for them.
        public var last2Hours: Double
        public var expected2Hours: Double

        /// How many times the usual (the usual counts as at least one post).
        public var ratio: Double { last15Minutes / max(expected15Minutes, 1) }
    }

    /// One scale's usual: level, hour-of-day corrections and the noise's width.
    struct Baseline: Sendable {
        var level = 0.0
        var season = [Double](repeating: 0, count: 24)
        var scale = 0.0

        /// The point's z and the usual it was measured against, then learns from it.
        mutating func score(_ y: Double, slot: Int, count: Int, _ c: Configuration) -> (z: Double, usual: Double) {
            if count == 0 { level = y }
            let spread = max(scale, c.minimumScale)
            let usual = level + season[slot]
            let residual = y - usual
            let n = Double(count + 1)
            let bound = c.clip * spread
            let clipped = min(max(residual, -bound), bound)
            level += max(c.levelRate, 1 / n) * clipped
            season[slot] += c.seasonRate * clipped
            scale += max(c.scaleRate, 1 / n) * (abs(clipped) - scale)
            return (residual / spread, usual)
        }
    }

    public let configuration: Configuration
    private var recent: [Double]
    private var next = 0
    private var count = 0
    private var short = Baseline()
    private var long = Baseline()
    private var peak: Double
    private var lastAlert: Int?
    private let peakDecay: Double

    static let offset = 0.375

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        recent = [Double](repeating: 0, count: configuration.longPoints)
        peak = configuration.alertZ
        peakDecay = pow(0.5, 1 / configuration.peakHalfLife)
    }

    /// Points seen so far.
    public var points: Int { count }

    /// The fewest posts in 15 minutes that can reach the alert threshold even against a usual of
    /// zero with the narrowest noise: a series with fewer cannot alert, so a watcher may skip it.
    public static func fewestAlertingPosts(_ c: Configuration = Configuration()) -> Int {
        Int(((c.alertZ * c.minimumScale) * (c.alertZ * c.minimumScale) - offset).rounded(.down))
    }

    /// Scores the next point (its hour of day 0–23, its count) and learns from it.
    public mutating func score(hour: Int, value raw: Double) -> Point {
        let c = configuration
        let value = raw.isNaN || raw < 0 ? 0 : raw
        let t = count
        recent[next] = value
        var shortSum = 0.0
        var longSum = 0.0
        var k = 0
        var index = next
        while k < c.longPoints {
            let v = recent[index]
            if k < c.shortPoints { shortSum += v }
            longSum += v
            index = index == 0 ? c.longPoints - 1 : index - 1
            k += 1
        }
        next = next + 1 == c.longPoints ? 0 : next + 1
        let slot = min(max(hour, 0), 23)
        let (z, usual) = short.score((shortSum + Self.offset).squareRoot(), slot: slot, count: t, c)
        let (longZ, longUsual) = long.score((longSum + Self.offset).squareRoot(), slot: slot, count: t, c)
        let threshold = max(c.alertZ, c.novelty * peak)
        let warm = t >= c.warmUpPoints
        let p1 = max(z, 0)
        let p2 = max(longZ, 0)
        let score = warm ? min(p1 / (p1 + threshold), p2 / (p2 + c.confirmZ)) : 0
        let alert = warm && z >= threshold && longZ >= c.confirmZ && (lastAlert.map { t - $0 > c.refractoryPoints } ?? true)
        if alert { lastAlert = t }
        if warm {
            peak *= peakDecay
            if z > peak { peak = z }
        }
        count = t + 1
        func expected(_ usual: Double) -> Double { max(max(usual, 0) * max(usual, 0) - Self.offset, 0) }
        return Point(
            score: score, alert: alert, z: z, longZ: longZ, last15Minutes: shortSum, expected15Minutes: expected(usual),
            last2Hours: longSum, expected2Hours: expected(longUsual))
    }

    /// The hour of day (UTC) of a time in seconds since 1970.
    public static func hour(of time: Int64) -> Int {
        Int(((time % 86_400) + 86_400) % 86_400 / 3_600)
    }
}
