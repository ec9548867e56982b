/// Runs the spike detector over labelled series and scores its alerts with NAB's rules.
public enum SpikeEvaluation {
    public struct FileResult: Sendable {
        public var name: String
        public var points: Int
        public var alerts: Int
        /// NAB's score under each profile, by profile name; `null` is the never-alerting detector's.
        public var scores: [String: NABFileScore]
        public var null: [String: NABFileScore]
    }

    /// The detector's points for a whole series, in order.
    public static func detect(_ samples: [VolumeSample], configuration: SpikeDetector.Configuration = .init()) -> [SpikeDetector.Point] {
        var detector = SpikeDetector(configuration: configuration)
        return samples.map { detector.score(hour: SpikeDetector.hour(of: $0.time), value: $0.value) }
    }

    public static func run(name: String, samples: [VolumeSample], windows: [AnomalyWindow]) -> FileResult {
        let points = detect(samples)
        let times = samples.map(\.time)
        let alerts = points.map(\.alert)
        let none = [Bool](repeating: false, count: times.count)
        var scores: [String: NABFileScore] = [:]
        var null: [String: NABFileScore] = [:]
        for profile in NABProfile.all {
            scores[profile.name] = NABScorer.score(times: times, alerts: alerts, windows: windows, profile: profile)
            null[profile.name] = NABScorer.score(times: times, alerts: none, windows: windows, profile: profile)
        }
        return FileResult(name: name, points: samples.count, alerts: alerts.filter { $0 }.count, scores: scores, null: null)
    }

    /// NAB's normalised score of these files under `profile`.
    public static func normalized(_ results: [FileResult], profile: NABProfile) -> Double {
        NABScorer.normalized(
            results.compactMap { $0.scores[profile.name] }, nullScores: results.compactMap { $0.null[profile.name] }, profile: profile)
    }
}
