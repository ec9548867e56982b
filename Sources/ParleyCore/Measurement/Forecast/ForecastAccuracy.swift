import Foundation

/// Forecast accuracy as the M4 competition measures it (Makridakis et al. 2020): sMAPE, MASE
/// scaled by the in-sample seasonal naive error, and Naive2, the benchmark OWA is relative to.
public enum ForecastAccuracy {
    /// M4's seasonal period for hourly series.
    public static let hourlyPeriod = 24

    /// Symmetric MAPE in percent (0–200). An hour where both are 0 is a perfect forecast.
    public static func smape(actual: [Double], forecast: [Double]) -> Double {
        precondition(actual.count == forecast.count && !actual.isEmpty)
        var total = 0.0
        for (y, f) in zip(actual, forecast) {
            let d = abs(y) + abs(f)
            if d > 0 { total += abs(y - f) / d }
        }
        return 200 * total / Double(actual.count)
    }

    /// Mean absolute error over the in-sample mean absolute seasonal difference; nil when the
    /// history is too short or never changes.
    public static func mase(history: [Double], actual: [Double], forecast: [Double], period: Int = hourlyPeriod) -> Double? {
        guard history.count > period else { return nil }
        var scale = 0.0
        for t in period..<history.count { scale += abs(history[t] - history[t - period]) }
        scale /= Double(history.count - period)
        guard scale > 0 else { return nil }
        let error = zip(actual, forecast).map { abs($0 - $1) }.reduce(0, +) / Double(actual.count)
        return error / scale
    }

    /// M4's Naive2: the last value, seasonally adjusted by classical multiplicative decomposition
    /// when the series passes the 90% autocorrelation test for seasonality at `period`.
    public static func naive2(history: [Double], horizon: Int, period: Int = hourlyPeriod) -> [Double] {
        let n = history.count
        guard let last = history.last else { return [Double](repeating: 0, count: horizon) }
        guard n >= 3 * period, isSeasonal(history, period: period) else { return [Double](repeating: last, count: horizon) }
        // Centred 2×m moving average, then the mean ratio to it at each position of the cycle.
        let half = period / 2
        var sums = [Double](repeating: 0, count: period)
        var counts = [Double](repeating: 0, count: period)
        for t in half..<(n - half) {
            var ma = 0.5 * history[t - half] + 0.5 * history[t + half]
            for k in (t - half + 1)..<(t + half) { ma += history[k] }
            ma /= Double(period)
            sums[t % period] += history[t] / (ma == 0 ? 1 : ma)
            counts[t % period] += 1
        }
        var index = (0..<period).map { counts[$0] > 0 ? sums[$0] / counts[$0] : 1 }
        let total = index.reduce(0, +)
        index = index.map { $0 * Double(period) / total }
        let adjusted = last / (index[(n - 1) % period] == 0 ? 1 : index[(n - 1) % period])
        return (0..<horizon).map { adjusted * index[(n + $0) % period] }
    }

    static func isSeasonal(_ x: [Double], period: Int) -> Bool {
        let mean = x.reduce(0, +) / Double(x.count)
        let centred = x.map { $0 - mean }
        let energy = centred.map { $0 * $0 }.reduce(0, +)
        guard energy > 0 else { return false }
        func acf(_ k: Int) -> Double {
            var s = 0.0
            for t in k..<centred.count { s += centred[t] * centred[t - k] }
            return s / energy
        }
        let lags = (1..<period).map(acf)
        let limit = 1.645 * ((1 + 2 * lags.map { $0 * $0 }.reduce(0, +)) / Double(x.count)).squareRoot()
        return abs(acf(period)) > limit
    }
}
