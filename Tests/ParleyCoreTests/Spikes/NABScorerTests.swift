import Foundation
import ParleyCore
import Testing

/// The scorer must reproduce NAB's own published scores before any figure of ours means anything.
/// The detections are the published detectors' own (their anomaly scores at the threshold NAB chose,
/// kept by `Scripts/nab/published-detections.py`); the series and windows are NAB's realTweets.
@Suite struct NABScorerTests {
    static let nab = TestFiles.sharedData.appendingPathComponent("nab-realtweets")

    struct Published: Decodable {
        var threshold: Double
        var detections: [String: [Int]]
    }

    static func times(_ file: String) throws -> [Int64] {
        let text = try String(contentsOf: nab.appendingPathComponent("data/realTweets/\(file)"), encoding: .utf8)
        let parsed = VolumeSeriesCSV.parse(text)
        #expect(parsed.errors.isEmpty)
        return parsed.rows.map(\.sample.time)
    }

    static func windows() throws -> [String: [AnomalyWindow]] {
        try NABWindows.parse(Data(contentsOf: nab.appendingPathComponent("labels/combined_windows.json")))
    }

    /// `Score`, TP, TN, FP, FN per realTweets file from NAB's scoreboard for one detector and profile.
    static func scoreboard(_ detector: String, _ profile: String) throws -> [String: [String]] {
        let text = try String(contentsOf: nab.appendingPathComponent("results/per_file_scores/\(detector)_\(profile)_scores.csv"), encoding: .utf8)
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count >= 10, fields[2].hasPrefix("realTweets/") else { continue }
            rows[String(fields[2].dropFirst("realTweets/".count))] = Array(fields[4...8])
        }
        return rows
    }

    @Test(arguments: ["ARTime", "numenta", "twitterADVec", "windowedGaussian", "contextOSE", "null"])
    func reproducesThePublishedPerFileScores(detector: String) throws {
        let fixture = try #require(Bundle.module.url(forResource: "published-detections", withExtension: "json", subdirectory: "Fixtures/nab"))
        let published = try JSONDecoder().decode([String: [String: Published]].self, from: Data(contentsOf: fixture))
        let windows = try Self.windows()
        for profile in NABProfile.all {
            let board = try Self.scoreboard(detector, profile.name)
            let runs = try #require(published[detector]?[profile.name])
            #expect(board.count == 10)
            for (file, row) in board.sorted(by: { $0.key < $1.key }) {
                let times = try Self.times(file)
                var alerts = [Bool](repeating: false, count: times.count)
                for index in try #require(runs.detections[file]) { alerts[index] = true }
                let score = NABScorer.score(times: times, alerts: alerts, windows: windows["realTweets/\(file)"] ?? [], profile: profile)
                let expected = try #require(Double(row[0]))
                #expect(abs(score.score - expected) < 1e-9, "\(detector) \(profile.name) \(file): \(score.score) vs \(expected)")
                #expect([score.truePositives, score.trueNegatives, score.falsePositives, score.falseNegatives].map(String.init) == Array(row[1...4]),
                        "\(detector) \(profile.name) \(file) counts")
            }
        }
    }

    /// NAB's normalisation over the ten realTweets files gives the realTweets-only figures derived in
    /// `results/DERIVED_realTweets_subset_normalized_scores.csv` (ARTime 81.8, numenta 68.0 standard).
    @Test func normalisesAsNABDoes() throws {
        let windows = try Self.windows()
        let files = try (try Self.scoreboard("numenta", "standard")).keys.sorted()
        var numenta: [NABFileScore] = []
        var null: [NABFileScore] = []
        let fixture = try #require(Bundle.module.url(forResource: "published-detections", withExtension: "json", subdirectory: "Fixtures/nab"))
        let published = try JSONDecoder().decode([String: [String: Published]].self, from: Data(contentsOf: fixture))
        for file in files {
            let times = try Self.times(file)
            var alerts = [Bool](repeating: false, count: times.count)
            for index in published["numenta"]?["standard"]?.detections[file] ?? [] { alerts[index] = true }
            let fileWindows = windows["realTweets/\(file)"] ?? []
            numenta.append(NABScorer.score(times: times, alerts: alerts, windows: fileWindows, profile: .standard))
            null.append(NABScorer.score(times: times, alerts: [Bool](repeating: false, count: times.count), windows: fileWindows, profile: .standard))
        }
        #expect(null.reduce(0) { $0 + $1.windowCount } == 33)
        let normalised = NABScorer.normalized(numenta, nullScores: null, profile: .standard)
        #expect((normalised * 10).rounded() / 10 == 68.0)
        #expect(NABScorer.normalized(null, nullScores: null, profile: .standard) == 0)
    }

    /// A window detected at its first point is worth the full weight; at its last almost nothing;
    /// a false alarm long after a window, or with none before it, costs the full false-positive weight.
    @Test func weighsDetectionsByWhenTheyCome() {
        let times = (0..<1_000).map { Int64($0) * 300 }
        let window = AnomalyWindow(start: times[500], end: times[599])
        func score(_ indices: [Int]) -> Double {
            var alerts = [Bool](repeating: false, count: times.count)
            for i in indices { alerts[i] = true }
            return NABScorer.score(times: times, alerts: alerts, windows: [window], profile: .standard).score
        }
        #expect(abs(score([500]) - 1) < 1e-12)
        #expect(score([599]) > 0 && score([599]) < 0.05)
        #expect(abs(score([]) + 1) < 1e-12)
        #expect(abs(score([300]) - (-1 - 0.11)) < 1e-12)
        #expect(abs(score([999]) - (-1 - 0.11)) < 1e-12)
        #expect(score([500, 520, 540]) == score([500]) && score([100]) == score([]))
    }
}
