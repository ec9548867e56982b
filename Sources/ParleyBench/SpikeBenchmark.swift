import Foundation
import ParleyCore

/// `parley bench spikes`: how fast the spike detector scores points on one core, and how soon it
/// alerts on an outage injected into real series.
public enum SpikeBenchmark {
    public struct Result: Sendable {
        public var points: Int
        public var seconds: Double
        public var pointsPerSecond: Double { Double(points) / seconds }
        /// Outages injected, and how many raised an alert within their first two hours.
        public var outages: Int
        public var detected: Int
        /// Stream minutes from an outage's first 5-minute bucket to its alert, sorted.
        public var latencies: [Double]
    }

    /// Scores `repeats` passes over `series` (each pass a fresh detector per series), then injects
    /// outages: from a point after the first day, each 5-minute count gains `extra` times the
    /// series' median count for an hour (a burst of similar complaints on top of normal traffic).
    public static func run(series: [[VolumeSample]], repeats: Int, outagesPerSeries: Int = 20, extra: Double = 2) -> Result {
        var points = 0
        var checksum = 0.0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<repeats {
                for samples in series {
                    var detector = SpikeDetector()
                    for sample in samples {
                        checksum += detector.score(hour: SpikeDetector.hour(of: sample.time), value: sample.value).score
                    }
                    points += samples.count
                }
            }
        }
        precondition(checksum.isFinite)
        var latencies: [Double] = []
        var outages = 0
        for samples in series where samples.count > 2_000 {
            let median = samples.map(\.value).sorted()[samples.count / 2]
            let usable = samples.count - 400
            for k in 0..<outagesPerSeries {
                let start = 400 + (usable - 400) * k / outagesPerSeries
                outages += 1
                var detector = SpikeDetector()
                for (i, sample) in samples.enumerated() {
                    let inside = i >= start && i < start + 12
                    let value = sample.value + (inside ? extra * max(median, 1) : 0)
                    let point = detector.score(hour: SpikeDetector.hour(of: sample.time), value: value)
                    if i >= start, point.alert {
                        if i < start + 24 { latencies.append(Double(i - start) * 5) }
                        break
                    }
                    if i >= start + 24 { break }
                }
            }
        }
        return Result(
            points: points, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            outages: outages, detected: latencies.count, latencies: latencies.sorted())
    }
}
