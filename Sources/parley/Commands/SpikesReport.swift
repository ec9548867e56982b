import Foundation
import ParleyCore

/// The spike section of EVALUATION.md: the scorer's check against NAB's published scores, then
/// the detector's figures on realTweets (by fold, as it was tuned) and on any corpus it was not.
struct SpikesReport {
    var check: ScorerCheck
    var realTweets: [SpikeEvaluation.FileResult]
    var corpus: [SpikeEvaluation.FileResult]
    var corpusPath: String?

    static let foldA = ["AAPL", "AMZN", "CRM", "CVS", "FB"].map { "Twitter_volume_\($0).csv" }
    static let foldB = ["GOOG", "IBM", "KO", "PFE", "UPS"].map { "Twitter_volume_\($0).csv" }
    /// NAB's published realTweets-only figures (standard, low FP, low FN), from the shared data's derived table.
    static let published: [(String, Double, Double, Double)] = [
        ("ARTime", 81.8, 70.1, 87.9), ("contextOSE", 74.5, 73.1, 76.5), ("Numenta HTM", 68.0, 61.1, 72.6),
        ("Twitter ADVec", 59.6, 35.8, 69.0), ("windowed Gaussian", 51.4, 16.3, 64.6),
    ]

    func figures(_ results: [SpikeEvaluation.FileResult]) -> [Double] {
        NABProfile.all.map { SpikeEvaluation.normalized(results, profile: $0) }
    }

    func row(_ name: String, _ results: [SpikeEvaluation.FileResult]) -> String {
        let f = figures(results)
        let windows = results.reduce(0) { $0 + $1.null["standard"]!.windowCount }
        let alerts = results.reduce(0) { $0 + $1.alerts }
        let false_ = results.reduce(0) { $0 + $1.scores["standard"]!.falsePositives }
        return "| \(name) | \(results.count) | \(windows) | \(alerts) | \(false_) | \(Self.f(f[0])) | \(Self.f(f[1])) | \(Self.f(f[2])) |"
    }

    func markdown() -> String {
        let commit = BenchReport.run("git", "rev-parse", "--short", "HEAD") ?? "unknown"
        let a = realTweets.filter { Self.foldA.contains($0.name) }
        let b = realTweets.filter { Self.foldB.contains($0.name) }
        var lines: [String] = []
        lines.append("# Spike detection")
        lines.append("")
        lines.append("Written by `parley spikes eval\(corpusPath.map { " --corpus \($0)" } ?? "")` on \(Date().formatted(.iso8601.year().month().day())) at commit `\(commit)`. Every figure is recomputed in Swift by that command (`SpikeDetector` and `NABScorer` in `Sources/ParleyCore/Spikes/`).")
        lines.append("")
        lines.append("## Scorer check")
        lines.append("")
        lines.append("Before scoring anything of its own, the command scores the published detections of six NAB detectors (ARTime, numenta, twitterADVec, windowedGaussian, contextOSE, null; their anomaly scores at the thresholds NAB chose, kept by `Scripts/nab/published-detections.py`) and compares with NAB's scoreboard: \(check.compared) per-file scores compared, \(check.mismatches.count) differ by more than 1e-9. The point counts (TP, TN, FP, FN) match too (test `NABScorerTests`).")
        lines.append("")
        lines.append("## The detector")
        lines.append("")
        lines.append("`SpikeDetector`: online and causal (each point is scored from earlier points and itself, then learnt), constant time and memory per point, one configuration for every series, no knowledge of a file's length. At two scales, the last 15 minutes and the last 2 hours, the count under Anscombe's square root is compared with the usual (a slow level plus 24 hour-of-day corrections, memory about three days) over a robust scale floored at the Poisson width. An alert needs the 15-minute z ≥ 6.5 and at least half the recent peak z (halving weekly), confirmed by the 2-hour z ≥ 4; then 24 hours of quiet; nothing alerts in the first day. `alert` is the detector's own decision; `anomaly_score` is the smaller of z / (z + threshold) at the two scales, so 0.5 is the threshold.")
        lines.append("")
        lines.append("How it was chosen, on realTweets only, with Python prototypes scored by a Python copy of NAB's rules (checked against numenta's published 68.0). A first version (one scale, z ≥ 6, novelty 0.7) was tuned on fold A alone (about 2,400 settings; fold B looked at for about ten): 70.8 standard on all ten, 77.0 on A, 64.9 on B. The second, this one, was chosen by two-fold cross-validation over about 1,590 settings, preferring plateaus (each setting's score averaged over thresholds 5.5 to 7.5) and changes that raised both folds: the 2-hour confirmation, slower baselines and harder clipping. Picked on fold A, the plateau scored 66.3 on fold B; picked on fold B, 83.6 on fold A; the final setting sits at the top of its neighbourhood (its neighbours score 74.2 to 79.4 on all ten), so expect about 75 to 77 on fresh Twitter series rather than the 78.5 below. The rest of NAB was never used for tuning, and the helper's prototypes were ported number for number (test `SpikeDetectorTests`).")
        lines.append("")
        lines.append("## realTweets (normalised NAB score: 0 never alerts, 100 perfect)")
        lines.append("")
        lines.append("| files | n | windows | alerts | false alerts | standard | low FP | low FN |")
        lines.append("|---|---|---|---|---|---|---|---|")
        lines.append(row("fold A (tuned on)", a))
        lines.append(row("fold B", b))
        lines.append(row("all ten", realTweets))
        lines.append("")
        lines.append("Published on realTweets alone (standard / low FP / low FN): " + Self.published.map { "\($0.0) \(Self.f($0.1)) / \(Self.f($0.2)) / \(Self.f($0.3))" }.joined(separator: "; ") + ". The issue's target is 75 standard.")
        lines.append("")
        lines.append("| file | windows | detected | false alerts | raw standard | raw low FP |")
        lines.append("|---|---|---|---|---|---|")
        for r in realTweets {
            let s = r.scores["standard"]!
            lines.append("| \(r.name) | \(s.windowCount) | \(s.windowsDetected) | \(s.falsePositives) | \(String(format: "%.2f", s.score)) | \(String(format: "%.2f", r.scores["reward_low_FP_rate"]!.score)) |")
        }
        if !corpus.isEmpty {
            lines.append("")
            lines.append("## Series it was never tuned on (the rest of NAB)")
            lines.append("")
            lines.append("| files | n | windows | alerts | false alerts | standard | low FP | low FN |")
            lines.append("|---|---|---|---|---|---|---|---|")
            lines.append(row("whole corpus", corpus))
            lines.append(row("all but realTweets", corpus.filter { !$0.name.hasPrefix("realTweets/") }))
            for group in Set(corpus.map { String($0.name.split(separator: "/")[0]) }).sorted() {
                let members = corpus.filter { $0.name.hasPrefix(group + "/") }
                guard members.contains(where: { $0.null["standard"]!.windowCount > 0 }) else { continue }
                lines.append(row(group, members))
            }
            lines.append("")
            lines.append("The detector is built for counts of posts: its noise floor is in square-root-of-count units and it only looks up, so NAB's non-count series (CPU, latency, cost per click) and its drops are mostly missed.")
        }
        return lines.joined(separator: "\n")
    }

    func summary() -> String {
        let f = figures(realTweets)
        var text = "scorer check: \(check.compared) published per-file scores reproduced\nrealTweets all ten: standard \(Self.f(f[0])), low FP \(Self.f(f[1])), low FN \(Self.f(f[2]))"
        if !corpus.isEmpty {
            let c = figures(corpus)
            text += "\nwhole corpus (\(corpus.count) series): standard \(Self.f(c[0])), low FP \(Self.f(c[1])), low FN \(Self.f(c[2]))"
        }
        return text
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
}
