import ArgumentParser
import Foundation
import ParleyCore

/// `parley forecast`: an hourly volume forecast with 80% intervals, and its evaluation.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast", abstract: "Forecast hourly volume with 80% intervals, and score the forecaster on NAB's tweet volumes.",
        subcommands: [Run.self, Eval.self], defaultSubcommand: Run.self)

    /// Reads `timestamp,value` on standard input (5-minute or hourly rows; rows more often than
    /// hourly are summed into their hours) and writes `timestamp,forecast,lo80,hi80`, one row for
    /// each of the next `--horizon` hours. Any bad row stops the run with its line named: a
    /// skipped row would quietly lower its hour.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Forecast the hours after a timestamp,value series on standard input.")

        @Option(help: "Hours to forecast (1–8,736).")
        var horizon: Int = 168

        func run() throws {
            var reader = VolumeSeriesCSV()
            var samples: [VolumeSample] = []
            var errors: [VolumeSeriesCSV.LineError] = []
            var style: TimestampStyle?
            while let line = readLine(strippingNewline: true) {
                switch reader.read(line[...]) {
                case .success(let row):
                    samples.append(row.sample)
                    if style == nil { style = TimestampStyle(row.timestamp) }
                case .failure(let error): errors.append(error)
                case nil: break
                }
            }
            guard errors.isEmpty else {
                let shown = errors.prefix(10).map(\.description).joined(separator: "\n")
                try Self.fail("\(errors.count) bad row\(errors.count == 1 ? "" : "s"), nothing forecast:\n\(shown)")
            }
            let result: VolumeForecaster.Result
            do {
                result = try VolumeForecaster().forecast(try HourlySeries.summing(samples), horizon: horizon)
            } catch {
                try Self.fail(error.description)
            }
            var output = "timestamp,forecast,lo80,hi80\n"
            for hour in result.hours {
                output += "\((style ?? .space).text(hour.hour)),\(Self.number(hour.forecast)),\(Self.number(hour.lo80)),\(Self.number(hour.hi80))\n"
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }

        static func number(_ x: Double) -> String { String(format: "%.2f", x) }

        static func fail(_ message: String) throws -> Never {
            FileHandle.standardError.write(Data("parley forecast: \(message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Output timestamps are written as the input's were: `2015-04-23 03:00:00`, or with a `T`
    /// and a `Z` when the input had them.
    enum TimestampStyle {
        case space, iso, isoZ

        init(_ text: Substring) {
            let bytes = Array(text.utf8)
            if bytes.count > 10, bytes[10] == 0x54 { self = bytes.last == 0x5A ? .isoZ : .iso } else { self = .space }
        }

        func text(_ seconds: Int64) -> String {
            let plain = SeriesTimestamp.text(seconds)
            switch self {
            case .space: return plain
            case .iso: return plain.replacingOccurrences(of: " ", with: "T")
            case .isoZ: return plain.replacingOccurrences(of: " ", with: "T") + "Z"
            }
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the forecaster and its benchmarks on NAB's realTweets volumes (held-back weeks, M4's measures); write EVALUATION.md's forecast section.")

        @Option(help: "NAB's realTweets folder from the shared data.")
        var nab: String = "../shared/data/nab-realtweets"
        @Flag(help: "Also score the frozen test weeks (the last two of each series). Read it once per model.")
        var test = false
        @Option(help: "Where to write the report section.")
        var output: String = "EVALUATION.md"

        func run() throws {
            let root = URL(fileURLWithPath: nab)
            var series: [HourlySeries] = []
            for file in SpikesCommand.Eval.realTweets {
                series.append(try HourlySeries.summing(SpikesCommand.Eval.samples(root.appendingPathComponent("data/realTweets/\(file)"))))
            }
            let methods = ForecastBacktest.methods
            let development = ForecastBacktest.score(series, split: .development, methods: methods)
            let test = self.test ? ForecastBacktest.score(series, split: .test, methods: methods) : nil
            let report = ForecastReport(series: series, development: development, test: test)
            try EvaluationFile.replace(section: "forecast", with: report.markdown(), in: output)
            print(report.summary())
        }
    }
}
