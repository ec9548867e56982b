import Foundation

/// Forecasts hourly volume with 80% intervals from a series' own history.
///
/// Each model is tried on the series' own last two weeks (a week-ahead forecast from each day's
/// start in them), and the one with the lowest sMAPE there makes the forecast. Its log errors on
/// those forecasts give the interval: their 10th and 90th percentiles, widened by
/// `intervalWidening` (on the development origins the raw percentiles covered 71% of the hours
/// that came, not 80%: a next week differs from the last two more than they differ from each other).
public struct VolumeForecaster: Sendable {
    public var models: [ForecastModel]
    public static let intervalWidening = 1.3

    public init(models: [ForecastModel] = ForecastModel.allCases) {
        self.models = models
    }

    public struct Result: Sendable, Equatable {
        public var model: ForecastModel
        public var hours: [HourForecast]
    }

    public func forecast(_ series: HourlySeries, horizon: Int) throws(ForecastError) -> Result {
        guard horizon >= 1, horizon <= 24 * 7 * 52 else { throw .invalid("The horizon must be 1 to 8,736 hours (a year), not \(horizon).") }
        let history = series.values
        let steps = series.gap + horizon
        let backtests = Self.origins(count: history.count)
        var model = models.first ?? .weeklyProfile
        if models.count > 1, !backtests.origins.isEmpty {
            var best = Double.infinity
            for candidate in models {
                let error = backtests.origins.map { cut in
                    ForecastAccuracy.smape(actual: Array(history[cut..<(cut + backtests.horizon)]),
                                           forecast: candidate.predict(Array(history[..<cut]), horizon: backtests.horizon))
                }.reduce(0, +) / Double(backtests.origins.count)
                if error < best {
                    best = error
                    model = candidate
                }
            }
        }
        let point = model.predict(history, horizon: steps)
        var logErrors: [Double] = []
        for cut in backtests.origins {
            let predicted = model.predict(Array(history[..<cut]), horizon: backtests.horizon)
            for (actual, guess) in zip(history[cut..<(cut + backtests.horizon)], predicted) { logErrors.append(log1p(actual) - log1p(guess)) }
        }
        let hours = (series.gap..<steps).map { i -> HourForecast in
            let f = point[i]
            let lo: Double
            let hi: Double
            if logErrors.isEmpty {
                // Too short to test itself: a Poisson interval around the forecast.
                lo = max(f - 1.2816 * f.squareRoot(), 0)
                hi = f + 1.2816 * f.squareRoot()
            } else {
                lo = max(expm1(log1p(f) + Self.intervalWidening * percentile(logErrors, 10)), 0)
                hi = max(expm1(log1p(f) + Self.intervalWidening * percentile(logErrors, 90)), f)
            }
            return HourForecast(hour: series.nextHour + Int64(i - series.gap) * 3_600, forecast: f, lo80: min(lo, f), hi80: hi)
        }
        return Result(model: model, hours: hours)
    }

    /// Where a series tests its models on itself: week-ahead forecasts from each day's start in
    /// its last two weeks when it has five weeks (at least two to fit on), else day-ahead ones in
    /// its last week, else none.
    static func origins(count n: Int) -> (origins: [Int], horizon: Int) {
        let week = ForecastModel.week
        if n >= 3 * week {
            return (stride(from: n - 2 * week, through: n - week, by: 24).filter { $0 >= 2 * week }, week)
        }
        if n >= 48 {
            return (Array(stride(from: max(24, n - week), through: n - 24, by: 24)), 24)
        }
        return ([], 0)
    }
}
