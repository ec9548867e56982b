import Foundation

/// Finds upward spikes in a volume series of 5-minute counts, online and causally: each point is
/// scored from what came before it (and itself), then learnt from. Constant time and memory per
/// point (a few dozen numbers per series), one configuration for every series.
///
/// How it scores a point:
/// 1. The last 15 minutes' count (three points) under the square-root transform of Anscombe,
///    `√(sum + 3/8)`, which makes Poisson noise about equally wide (≈ 0.5) at any volume.
/// 2. The usual for now: a slowly moving level plus a correction for the hour of day (24 slots,
///    by the timestamp's hour in UTC), each an exponentially weighted mean of past residuals.
/// 3. The residual over a robust scale (the moving mean absolute residual, never below the Poisson
///    0.5), as `z`. Residuals are clipped at three scales before they are learnt, so a spike
///    barely moves the usual.
/// 4. An alert needs `z ≥ 6` and `z` at least 70% of the highest `z` of the recent past (that peak
///    halves every week): a series that is always jumpy must jump more. After an alert the series
///    stays quiet for 24 hours (one incident, one alert), and nothing alerts in the first day.
/// The score is `z / (z + threshold)`, so it crosses 0.5 exactly where `z` crosses the threshold.
public struct SpikeDetector: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var levelRate = 0.005
        public var seasonRate = 0.02
        public var scaleRate = 0.005
        public var clip = 3.0
        public var minimumScale = 0.5
        public var alertZ = 6.0
        public var novelty = 0.7
        public var peakHalfLife = 2_016.0
        public var refractoryPoints = 288
        public var warmUpPoints = 288

        public init() {}
    }

    /// What the detector says of one point, with what a person reads in an alert.
    public struct Point: Sendable, Equatable {
        /// 0 to 1; 0.5 and above is past the alert threshold.
        public var score: Double
        public var alert: Bool
        public var z: Double
        /// Posts in the 15 minutes ending with this point.
        public var last15Minutes: Double
        /// What the usual would have been for those 15 minutes.
        public var expected15Minutes: Double

        /// How many times the usual (the usual counts as at least one post).
        public var ratio: Double { last15Minutes / max(expected15Minutes, 1) }
    }

    public let configuration: Configuration
    private var recent: (Double, Double, Double) = (0, 0, 0)
    private var count = 0
    private var level = 0.0
    private var season = [Double](repeating: 0, count: 24)
    private var scale = 0.0
    private var peak: Double
    private var lastAlert: Int?
    private let peakDecay: Double

    static let offset = 0.375

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        peak = configuration.alertZ
        peakDecay = pow(0.5, 1 / configuration.peakHalfLife)
    }

    /// Points seen so far.
    public var points: Int { count }

    /// Scores the next point (its hour of day 0–23, its count) and learns from it.
    public mutating func score(hour: Int, value raw: Double) -> Point {
        let c = configuration
        let value = raw.isNaN || raw < 0 ? 0 : raw
        let t = count
        recent = (recent.1, recent.2, value)
        let sum = recent.0 + recent.1 + recent.2
        let y = (sum + Self.offset).squareRoot()
        if t == 0 { level = y }
        let slot = min(max(hour, 0), 23)
        let spread = max(scale, c.minimumScale)
        let usual = level + season[slot]
        let residual = y - usual
        let z = residual / spread
        let threshold = max(c.alertZ, c.novelty * peak)
        let positive = max(z, 0)
        let warm = t >= c.warmUpPoints
        let score = warm ? positive / (positive + threshold) : 0
        let alert = warm && z >= threshold && (lastAlert.map { t - $0 > c.refractoryPoints } ?? true)
        if alert { lastAlert = t }
        if warm {
            peak *= peakDecay
            if z > peak { peak = z }
        }
        count = t + 1
        let levelRate = max(c.levelRate, 1 / Double(count))
        let scaleRate = max(c.scaleRate, 1 / Double(count))
        let bound = c.clip * spread
        let clipped = min(max(residual, -bound), bound)
        level += levelRate * clipped
        season[slot] += c.seasonRate * clipped
        scale += scaleRate * (abs(clipped) - scale)
        let expected = max(max(usual, 0) * max(usual, 0) - Self.offset, 0)
        return Point(score: score, alert: alert, z: z, last15Minutes: sum, expected15Minutes: expected)
    }

    /// The hour of day (UTC) of a time in seconds since 1970.
    public static func hour(of time: Int64) -> Int {
        Int(((time % 86_400) + 86_400) % 86_400 / 3_600)
    }
}
