import Foundation
import ParleyCore

/// EVALUATION.md's forecast section, written by `parley forecast eval`.
struct ForecastReport {
    var series: [HourlySeries]
    var development: [ForecastBacktest.Score]
    var test: [ForecastBacktest.Score]?

    func markdown() -> String {
        var text = """
        ## Volume forecast (`parley forecast`)

        Written by `parley forecast eval\(test == nil ? "" : " --test")` on \(Self.today()). The ten realTweets series of NAB \
        (`../shared/data/nab-realtweets`, 5-minute mention counts from 2015-02-26 to 2015-04-23) summed into \
        \(series.map(\.values.count).reduce(0, +)) hours (a first or last hour the file cuts short is left out). \
        Each forecast is a week ahead (168 hours) from the start of a day; measured as M4 measures: sMAPE and MASE \
        (scaled by the in-sample seasonal naive error at 24 hours) averaged over all forecasts, OWA = the mean of their \
        ratios to Naive2's (Naive2 = 1.000; in M4 the winner, ES-RNN, reached 0.440 on its 414 hourly series). \
        Coverage is the share of the hours that came inside the 80% interval.

        - Development origins (tuned on): every day from the fourth week until the week before the last two.
        - Test origins (frozen): the days of the last two weeks of each series. \
        \(test == nil ? "Not read by this run." : "Read by this run.")


        """
        text += table("Development", development)
        if let test { text += "\n" + table("Test", test) }
        return text
    }

    func table(_ title: String, _ scores: [ForecastBacktest.Score]) -> String {
        var text = "**\(title)** (\(scores.first?.forecasts ?? 0) week-ahead forecasts)\n\n| Method | sMAPE | MASE | OWA | 80% coverage |\n|---|---:|---:|---:|---:|\n"
        for s in scores {
            text += "| \(s.name) | \(String(format: "%.2f", s.smape)) | \(String(format: "%.3f", s.mase)) | \(String(format: "%.3f", s.owa)) | \(s.coverage.map { String(format: "%.1f%%", 100 * $0) } ?? "–") |\n"
        }
        return text
    }

    func summary() -> String {
        var lines = development.map { "development \($0.name): OWA \(String(format: "%.4f", $0.owa)) sMAPE \(String(format: "%.2f", $0.smape)) MASE \(String(format: "%.3f", $0.mase))\($0.coverage.map { String(format: " coverage %.3f", $0) } ?? "")" }
        if let test {
            lines += test.map { "test \($0.name): OWA \(String(format: "%.4f", $0.owa)) sMAPE \(String(format: "%.2f", $0.smape)) MASE \(String(format: "%.3f", $0.mase))\($0.coverage.map { String(format: " coverage %.3f", $0) } ?? "")" }
        }
        return lines.joined(separator: "\n")
    }

    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
