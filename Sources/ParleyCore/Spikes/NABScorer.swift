import Foundation

/// NAB's score of one file's alerts (Lavin & Ahmad 2015, and the rules of NAB's `sweeper.py`).
///
/// - The first 15% of a file (at most 750 points) is probationary: nothing there counts.
/// - A window's score is its best detection, `2·sigmoid(−5·x) − 1` scaled so the earliest point of
///   the window is worth the full true-positive weight (`x` runs from −1 at the window's start to
///   0 at its end); a window with no detection costs the false-negative weight.
/// - A detection outside every window costs the false-positive weight times the same sigmoid of
///   how far it lies past the preceding window's end, in window widths (the full weight when no
///   window precedes it, or it is more than three widths past).
public enum NABScorer {
    public static func score(times: [Int64], alerts: [Bool], windows: [AnomalyWindow], profile: NABProfile) -> NABFileScore {
        precondition(times.count == alerts.count, "one alert per point")
        let count = times.count
        let probation = min((0.15 * Double(count)).rounded(.down), 0.15 * 5_000)
        let maxTruePositive = scaledSigmoid(-1)
        let spans = windows.sorted { $0.start < $1.start }.compactMap { window -> ClosedRange<Int>? in
            guard let first = times.firstIndex(where: { $0 >= window.start }),
                  let last = times.lastIndex(where: { $0 <= window.end }), first <= last else { return nil }
            return first...last
        }

        var result = NABFileScore(windowCount: windows.count)
        var best: [Int: Double] = [:]
        var detected = Set<Int>()
        var next = 0
        var current: ClosedRange<Int>?
        var previous: ClosedRange<Int>?
        for i in 0..<count {
            if current == nil, next < spans.count, spans[next].lowerBound == i {
                current = spans[next]
                next += 1
            }
            let counted = Double(i) >= probation
            if let window = current {
                let position = -Double(window.upperBound - i + 1) / Double(window.count)
                if counted {
                    if best[window.lowerBound] == nil { best[window.lowerBound] = -profile.falseNegativeWeight }
                    if alerts[i] {
                        result.truePositives += 1
                        detected.insert(window.lowerBound)
                        let weighted = scaledSigmoid(position) * profile.truePositiveWeight / maxTruePositive
                        best[window.lowerBound] = max(best[window.lowerBound]!, weighted)
                    } else {
                        result.falseNegatives += 1
                    }
                }
                if i == window.upperBound {
                    previous = window
                    current = nil
                }
            } else if counted {
                if alerts[i] {
                    result.falsePositives += 1
                    let unweighted: Double
                    if let previous {
                        unweighted = scaledSigmoid(Double(abs(previous.upperBound - i)) / Double(previous.count - 1))
                    } else {
                        unweighted = -1
                    }
                    result.falsePositiveCost += unweighted * profile.falsePositiveWeight
                } else {
                    result.trueNegatives += 1
                }
            }
        }
        result.windowScores = best.values.reduce(0, +)
        result.windowsDetected = detected.count
        return result
    }

    /// `2·sigmoid(−5·x) − 1`, and −1 more than three widths past a window.
    static func scaledSigmoid(_ x: Double) -> Double {
        x > 3 ? -1 : 2 / (1 + exp(5 * x)) - 1
    }

    /// NAB's normalised score of a set of files: 0 is the detector that never alerts, 100 detects
    /// every window at its first point and never raises a false alarm.
    public static func normalized(_ files: [NABFileScore], nullScores: [NABFileScore], profile: NABProfile) -> Double {
        let raw = files.reduce(0) { $0 + $1.score }
        let null = nullScores.reduce(0) { $0 + $1.score }
        let perfect = Double(files.reduce(0) { $0 + $1.windowCount }) * profile.truePositiveWeight
        return 100 * (raw - null) / (perfect - null)
    }
}
