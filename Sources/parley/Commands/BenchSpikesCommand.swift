import ArgumentParser
import Foundation
import ParleyBench
import ParleyCore

struct BenchSpikesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spikes", abstract: "Spike detector: points scored per second on one core, and alert latency on injected outages.")

    @Option(help: "NAB's realTweets folder from the shared data.") var nab: String = "../shared/data/nab-realtweets"
    @Option(help: "Passes over the ten series.") var repeats: Int = 40
    @Option(help: "Outages injected per series.") var outages: Int = 20
    @Option(help: "An outage adds this many times the series' median count to each 5-minute bucket for an hour.") var extra: Double = 2

    func run() throws {
        guard repeats > 0, outages > 0, extra > 0 else { throw ValidationError("--repeats, --outages and --extra must be positive.") }
        let series = try SpikesCommand.Eval.realTweets.map {
            try SpikesCommand.Eval.samples(URL(fileURLWithPath: nab).appendingPathComponent("data/realTweets/\($0)"))
        }
        let result = SpikeBenchmark.run(series: series, repeats: repeats, outagesPerSeries: outages, extra: extra)
        func percentile(_ p: Double) -> String {
            guard !result.latencies.isEmpty else { return "-" }
            return String(format: "%.0f", result.latencies[min(result.latencies.count - 1, Int(Double(result.latencies.count) * p))])
        }
        print(BenchReport.header(command: "parley bench spikes --repeats \(repeats) --outages \(outages) --extra \(extra)"))
        print("""
        throughput:   \(result.points) points in \(String(format: "%.3f", result.seconds)) s = \(String(format: "%.0f", result.pointsPerSecond)) points/s (one core, one detector per series)
        outages:      \(result.outages) injected (+\(extra)× the series' median count per 5 min, for an hour), \(result.detected) alerted within 2 h
        latency:      stream minutes from the outage's first bucket to the alert: p50 \(percentile(0.5)), p90 \(percentile(0.9)), max \(result.latencies.last.map { String(format: "%.0f", $0) } ?? "-")
        """)
    }
}
