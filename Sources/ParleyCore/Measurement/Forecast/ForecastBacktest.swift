import Foundation

/// Scores forecasters on held-back weeks of hourly series, as M4 scores its entries: sMAPE and
/// MASE averaged over every forecast, and OWA, their mean ratio to Naive2's (Naive2 = 1).
///
/// A week-ahead forecast is made from the start of each day in the held-back part. The
/// development part (tuned on) is every origin from the fourth week whose week ends before the
/// last two weeks; the test part (read once per model) is the origins of the last two weeks.
public enum ForecastBacktest {
    public enum Split: String, Sendable { case development, test }

    public struct Score: Sendable, Equatable {
        public var name: String
        public var forecasts: Int
        public var smape: Double
        public var mase: Double
        public var owa: Double
        /// The share of actual hours inside the 80% interval, for a method that gives one.
        public var coverage: Double?
    }

    /// A method: history → (forecast, and its 80% interval if it has one).
    public typealias Method = @Sendable (HourlySeries, Int) -> (point: [Double], interval: [(Double, Double)]?)

    public static let horizon = 168

    public static func origins(count n: Int, split: Split) -> [Int] {
        switch split {
        case .development: Array(stride(from: 3 * horizon, through: n - 3 * horizon, by: 24))
        case .test: Array(stride(from: n - 2 * horizon, through: n - horizon, by: 24)).filter { $0 >= 3 * horizon }
        }
    }

    public static func score(_ series: [HourlySeries], split: Split, methods: [(String, Method)]) -> [Score] {
        var totals = [(smape: Double, mase: Double, inside: Double, hours: Double)](repeating: (0, 0, 0, 0), count: methods.count + 1)
        var forecasts = 0
        for s in series {
            for cut in origins(count: s.values.count, split: split) {
                let history = Array(s.values[..<cut])
                let actual = Array(s.values[cut..<(cut + horizon)])
                guard let naiveMase = ForecastAccuracy.mase(history: history, actual: actual, forecast: ForecastAccuracy.naive2(history: history, horizon: horizon)) else { continue }
                forecasts += 1
                let naive = ForecastAccuracy.naive2(history: history, horizon: horizon)
                totals[0].smape += ForecastAccuracy.smape(actual: actual, forecast: naive)
                totals[0].mase += naiveMase
                let fitted = HourlySeries(start: s.start, values: history)
                for (k, method) in methods.enumerated() {
                    let (point, interval) = method.1(fitted, horizon)
                    totals[k + 1].smape += ForecastAccuracy.smape(actual: actual, forecast: point)
                    totals[k + 1].mase += ForecastAccuracy.mase(history: history, actual: actual, forecast: point) ?? 0
                    if let interval {
                        totals[k + 1].inside += Double(zip(actual, interval).filter { $0 >= $1.0 && $0 <= $1.1 }.count)
                        totals[k + 1].hours += Double(horizon)
                    }
                }
            }
        }
        let n = Double(max(forecasts, 1))
        let base = (smape: totals[0].smape / n, mase: totals[0].mase / n)
        return ([("Naive2", nil as Method?)] + methods.map { ($0.0, $0.1 as Method?) }).enumerated().map { k, entry in
            let smape = totals[k].smape / n
            let mase = totals[k].mase / n
            return Score(name: entry.0, forecasts: forecasts, smape: smape, mase: mase,
                         owa: 0.5 * (smape / base.smape + mase / base.mase),
                         coverage: totals[k].hours > 0 ? totals[k].inside / totals[k].hours : nil)
        }
    }

    /// The methods the report compares: the benchmarks, each model alone, and the forecaster.
    public static var methods: [(String, Method)] {
        var list: [(String, Method)] = [
            ("Median of the same hour over the last 7 days", { s, h in (sameHourMedian(s.values, horizon: h), nil) }),
        ]
        for model in ForecastModel.allCases {
            list.append((model.rawValue, { s, h in (model.predict(s.values, horizon: h), nil) }))
        }
        list.append(("Parley (model chosen per series, with intervals)", { s, h in
            let result = (try? VolumeForecaster().forecast(s, horizon: h))?.hours ?? []
            return (result.map(\.forecast), result.map { ($0.lo80, $0.hi80) })
        }))
        return list
    }

    /// The reference: each hour of the day forecast as its median over the last 7 days.
    static func sameHourMedian(_ values: [Double], horizon: Int) -> [Double] {
        let n = values.count
        let days = min(7, n / 24)
        guard days > 0 else { return [Double](repeating: values.last ?? 0, count: horizon) }
        let profile = (0..<24).map { h in median((0..<days).map { values[n - 24 * days + $0 * 24 + h] }) }
        return (0..<horizon).map { profile[$0 % 24] }
    }
}
