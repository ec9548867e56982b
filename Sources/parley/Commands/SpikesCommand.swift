import ArgumentParser
import Foundation
import ParleyCore

/// `parley spikes`: the spike detector on NAB's series format, and its evaluation.
struct SpikesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spikes", abstract: "Detect spikes in a volume series, and score the detector on NAB.",
        subcommands: [Detect.self, Eval.self])

    /// Reads `timestamp,value` (a header, then one row a line) on standard input and writes
    /// `timestamp,value,anomaly_score,alert`. A bad line is named on standard error and skipped.
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a NAB-format series from standard input: timestamp,value,anomaly_score,alert on standard output.")

        func run() throws {
            var reader = VolumeSeriesCSV()
            var detector = SpikeDetector()
            var output = "timestamp,value,anomaly_score,alert\n"
            var errors = 0
            let standardError = FileHandle.standardError
            func flush() {
                FileHandle.standardOutput.write(Data(output.utf8))
                output.removeAll(keepingCapacity: true)
            }
            while let line = readLine(strippingNewline: true) {
                switch reader.read(line[...]) {
                case .success(let row):
                    let point = detector.score(hour: SpikeDetector.hour(of: row.sample.time), value: row.sample.value)
                    output += "\(row.timestamp),\(Self.number(row.sample.value)),\(String(format: "%.6f", point.score)),\(point.alert ? 1 : 0)\n"
                    if output.utf8.count > 1 << 16 { flush() }
                case .failure(let error):
                    errors += 1
                    standardError.write(Data("parley spikes detect: \(error.description)\n".utf8))
                case nil:
                    break
                }
            }
            flush()
            if errors > 0 { standardError.write(Data("parley spikes detect: \(errors) line\(errors == 1 ? "" : "s") skipped\n".utf8)) }
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the detector on NAB's realTweets (and any NAB corpus) with NAB's rules; write EVALUATION.md's spike section.")

        @Option(help: "NAB's realTweets folder from the shared data (data/, labels/, results/).")
        var nab: String = "../shared/data/nab-realtweets"
        @Option(help: "A NAB checkout (data/<group>/*.csv and labels/combined_windows.json) to score every series of, untuned.")
        var corpus: String?
        @Option(help: "The published detections the scorer must reproduce first.")
        var published: String = "Tests/ParleyCoreTests/Fixtures/nab/published-detections.json"
        @Option(help: "Where to write the report section.")
        var output: String = "EVALUATION.md"

        func run() throws {
            let root = URL(fileURLWithPath: nab)
            let windows = try NABWindows.parse(Data(contentsOf: root.appendingPathComponent("labels/combined_windows.json")))
            let files = Self.realTweets
            var series: [String: [VolumeSample]] = [:]
            for file in files {
                series[file] = try Self.samples(root.appendingPathComponent("data/realTweets/\(file)"))
            }
            let check = try ScorerCheck.run(published: URL(fileURLWithPath: published), root: root, series: series, windows: windows)
            guard check.mismatches.isEmpty else {
                throw ValidationError("the scorer does not reproduce NAB's published scores: \(check.mismatches.prefix(5).joined(separator: "; "))")
            }
            let results = files.map { SpikeEvaluation.run(name: $0, samples: series[$0]!, windows: windows["realTweets/\($0)"] ?? []) }
            var corpusResults: [SpikeEvaluation.FileResult] = []
            if let corpus {
                let base = URL(fileURLWithPath: corpus)
                let all = try NABWindows.parse(Data(contentsOf: base.appendingPathComponent("labels/combined_windows.json")))
                for name in all.keys.sorted() {
                    corpusResults.append(SpikeEvaluation.run(
                        name: name, samples: try Self.samples(base.appendingPathComponent("data/\(name)")), windows: all[name] ?? []))
                }
            }
            let report = SpikesReport(check: check, realTweets: results, corpus: corpusResults, corpusPath: corpus)
            try EvaluationFile.replace(section: "spikes", with: report.markdown(), in: output)
            print(report.summary())
        }

        static let realTweets = ["AAPL", "AMZN", "CRM", "CVS", "FB", "GOOG", "IBM", "KO", "PFE", "UPS"].map { "Twitter_volume_\($0).csv" }

        static func samples(_ url: URL) throws -> [VolumeSample] {
            let parsed = VolumeSeriesCSV.parse(try String(contentsOf: url, encoding: .utf8))
            for error in parsed.errors { FileHandle.standardError.write(Data("\(url.lastPathComponent): \(error)\n".utf8)) }
            return parsed.rows.map(\.sample)
        }
    }
}

/// The scorer must reproduce every published per-file score (six detectors, three profiles, ten
/// files) before any figure of the detector's is written.
struct ScorerCheck {
    var compared = 0
    var mismatches: [String] = []

    struct Published: Decodable {
        var threshold: Double
        var detections: [String: [Int]]
    }

    static func run(published: URL, root: URL, series: [String: [VolumeSample]], windows: [String: [AnomalyWindow]]) throws -> ScorerCheck {
        let runs = try JSONDecoder().decode([String: [String: Published]].self, from: Data(contentsOf: published))
        var check = ScorerCheck()
        for (detector, profiles) in runs.sorted(by: { $0.key < $1.key }) {
            for profile in NABProfile.all {
                guard let run = profiles[profile.name] else { continue }
                let board = try String(contentsOf: root.appendingPathComponent("results/per_file_scores/\(detector)_\(profile.name)_scores.csv"), encoding: .utf8)
                for line in board.split(separator: "\n").dropFirst() {
                    let fields = line.split(separator: ",")
                    guard fields.count >= 5, fields[2].hasPrefix("realTweets/"), let expected = Double(fields[4]) else { continue }
                    let file = String(fields[2].dropFirst("realTweets/".count))
                    guard let samples = series[file] else { continue }
                    var alerts = [Bool](repeating: false, count: samples.count)
                    for index in run.detections[file] ?? [] where index < alerts.count { alerts[index] = true }
                    let score = NABScorer.score(times: samples.map(\.time), alerts: alerts, windows: windows["realTweets/\(file)"] ?? [], profile: profile)
                    check.compared += 1
                    if abs(score.score - expected) > 1e-9 { check.mismatches.append("\(detector) \(profile.name) \(file): \(score.score) ≠ \(expected)") }
                }
            }
        }
        return check
    }
}
