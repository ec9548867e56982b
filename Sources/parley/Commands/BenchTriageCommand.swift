import ArgumentParser
import Foundation
import ParleyCore

/// `parley bench triage`: triage throughput on one core, per-post latency, model load time and peak
/// resident memory, over real post texts from `../shared/data`. Prints a report that BENCHMARKS.md
/// quotes.
///
/// Measures `Triager.triage` in process (models, cues, personal data, priority, handoff); JSON
/// decoding and encoding of `parley triage` are outside it, as they belong to the CLI, not triage.
struct BenchTriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Benchmark triage: posts/s on one core, p50/p99 per post, model load time, peak memory."
    )

    @Option(help: "Directory holding triage-linear.bin.")
    var models: String = "Models/triage"

    @Option(help: "The shared reference data directory.")
    var data: String = "../shared/data"

    @Option(help: "Timed passes over the corpus for throughput.")
    var passes: Int = 5

    @Option(help: "Also write the report to this file.")
    var report: String?

    func run() async throws {
        let corpus = try BenchTriageCorpus.load(dataDirectory: data)
        guard !corpus.texts.isEmpty else { throw ValidationError("no post texts found under \(data)") }
        let clock = ContinuousClock()

        let loadStart = clock.now
        let triager = try TriageCommand.loadTriager(modelsDirectory: models)
        let loadSeconds = (clock.now - loadStart).seconds

        // Inputs are built before timing: building them is the caller's work, not triage's.
        let inputs = corpus.texts.map { TriageInput(text: $0, authorFollowers: 1_500, waitingSeconds: 600) }
        var checksum = 0
        for input in inputs { checksum &+= triager.triage(input).priority.score }  // warm-up

        let throughputStart = clock.now
        for _ in 0..<max(1, passes) {
            for input in inputs { checksum &+= triager.triage(input).priority.score }
        }
        let throughputSeconds = (clock.now - throughputStart).seconds
        let postsTimed = inputs.count * max(1, passes)

        // Latency: each post timed alone, in a pass of its own so the clock reads do not count above.
        var latencies = [Double](repeating: 0, count: inputs.count)
        for (i, input) in inputs.enumerated() {
            let t0 = clock.now
            checksum &+= triager.triage(input).priority.score
            latencies[i] = (clock.now - t0).seconds
        }
        latencies.sort()
        let memory = BenchTriageMemory.read()

        let figures = BenchTriageFigures(
            postsPerSecond: Double(postsTimed) / throughputSeconds,
            p50: Self.percentile(latencies, 0.50), p99: Self.percentile(latencies, 0.99),
            max: latencies.last ?? 0, loadSeconds: loadSeconds,
            peakResidentMB: memory.peakMB, residentMB: memory.currentMB)
        let command = "parley bench triage --passes \(passes)"
        let text = Self.render(command: command, figures: figures, corpus: corpus, postsTimed: postsTimed, checksum: checksum)
        if let report { try text.write(toFile: report, atomically: true, encoding: .utf8) }
        print(text, terminator: "")
    }

    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)]
    }

    static func render(command: String, figures f: BenchTriageFigures, corpus: BenchTriageCorpus, postsTimed: Int, checksum: Int) -> String {
        func row(_ name: String, _ value: String, _ target: String, _ met: Bool?) -> String {
            "| \(name) | \(value) | \(target) | \(met.map { $0 ? "met" : "NOT met" } ?? "") |\n"
        }
        var s = BenchReport.header(command: command) + "\n"
        s += "threads:                1 (figures are per core)\n"
        s += "corpus:                 \(corpus.texts.count) real posts (\(corpus.sources.map { "\($0.count) \($0.name)" }.joined(separator: ", "))), "
        s += "mean \(corpus.meanUTF16Length) UTF-16 units\n"
        s += "posts timed:            \(postsTimed) for throughput, \(corpus.texts.count) one by one for latency\n"
        s += "checksum:               \(checksum) (sum of priority scores; keeps the work observable)\n\n"
        s += "| figure | measured | target | |\n|---|---|---|---|\n"
        s += row("posts/s on one core", String(format: "%.0f", f.postsPerSecond), "≥ 50,000", f.postsPerSecond >= 50_000)
        s += row("p50 per post", String(format: "%.1f µs", f.p50 * 1e6), "", nil)
        s += row("p99 per post", String(format: "%.1f µs", f.p99 * 1e6), "≤ 1 ms", f.p99 <= 0.001)
        s += row("slowest post", String(format: "%.1f µs", f.max * 1e6), "", nil)
        s += row("model load", String(format: "%.0f ms", f.loadSeconds * 1e3), "≤ 1 s", f.loadSeconds <= 1)
        s += row("peak resident memory (VmHWM)", String(format: "%.1f MB", f.peakResidentMB), "≤ 200 MB", f.peakResidentMB <= 200)
        s += row("resident memory at the end (VmRSS)", String(format: "%.1f MB", f.residentMB), "", nil)
        return s
    }
}

struct BenchTriageFigures {
    var postsPerSecond: Double
    var p50: Double
    var p99: Double
    var max: Double
    var loadSeconds: Double
    var peakResidentMB: Double
    var residentMB: Double
}

/// Real post texts: customer messages of the IBM customer-care threads, the complaints data set, and
/// the five TweetEval test splits. Read from the shared data, never copied into the repository.
struct BenchTriageCorpus {
    var texts: [String] = []
    var sources: [(name: String, count: Int)] = []

    var meanUTF16Length: Int {
        texts.isEmpty ? 0 : texts.reduce(0) { $0 + $1.utf16.count } / texts.count
    }

    static func load(dataDirectory: String) throws -> BenchTriageCorpus {
        let root = URL(fileURLWithPath: dataDirectory)
        var corpus = BenchTriageCorpus()
        func add(_ name: String, _ texts: [String]) {
            corpus.texts += texts
            corpus.sources.append((name, texts.count))
        }
        var customer: [String] = []
        for file in ["dev.json", "test.json"] {
            let data = try Data(contentsOf: root.appendingPathComponent("ibm-customer-care/\(file)"))
            for thread in try JSONDecoder().decode([IBMThread].self, from: data) {
                customer += thread.dialogContent.filter { $0.client != nil }.map(\.message)
            }
        }
        add("IBM customer-care customer posts", customer)
        let csv = try String(contentsOf: root.appendingPathComponent("complaints/complaints-data.csv"), encoding: .utf8)
        add("complaints tweets", TriageComplaintsCSV.rows(csv).map(\.text))
        var tweets: [String] = []
        for task in ["sentiment", "emotion", "offensive", "irony", "hate"] {
            let text = try String(contentsOf: root.appendingPathComponent("tweeteval/datasets/\(task)/test_text.txt"), encoding: .utf8)
            tweets += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        }
        add("TweetEval test tweets", tweets)
        return corpus
    }

    private struct IBMThread: Decodable {
        struct Turn: Decodable {
            var client: String?
            var message: String
        }
        var dialogContent: [Turn]
    }
}

enum BenchTriageMemory {
    /// Peak and current resident set from /proc/self/status (Linux), in MB; 0 where unavailable.
    static func read() -> (peakMB: Double, currentMB: Double) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func kB(_ key: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
            return Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
        return (kB("VmHWM") / 1024, kB("VmRSS") / 1024)
    }
}

private extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
