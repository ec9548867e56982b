import Foundation

/// Counts per hour, oldest first, without gaps: the series a volume forecast is fitted to.
public struct HourlySeries: Sendable, Equatable {
    /// The start of the first hour, in seconds since 1970 (a whole hour, UTC).
    public var start: Int64
    public var values: [Double]
    /// The first hour to forecast. It is the hour after the last one in `values`, or later when
    /// the input's last hour was cut short and left out of the fit.
    public var nextHour: Int64

    public init(start: Int64, values: [Double], nextHour: Int64? = nil) {
        self.start = start
        self.values = values
        self.nextHour = nextHour ?? start + Int64(values.count) * 3_600
    }

    /// Hours between the end of `values` and `nextHour`.
    public var gap: Int { Int((nextHour - start) / 3_600) - values.count }

    /// Rows of any step up to an hour summed into the hours they fall in. An hour with no rows
    /// counts 0. When rows come more often than hourly, a first or last hour with fewer rows than
    /// a whole hour has (a file that starts or ends mid-hour) is left out of the fit rather than
    /// read as a fall in volume; forecasting still starts after the last row's hour.
    public static func summing(_ samples: [VolumeSample]) throws(ForecastError) -> HourlySeries {
        guard !samples.isEmpty else { throw .invalid("The series has no rows.") }
        if let bad = samples.first(where: { $0.value < 0 }) {
            throw .invalid("A count cannot be negative (\(bad.value) at \(SeriesTimestamp.text(bad.time))).")
        }
        let sorted = samples.sorted { $0.time < $1.time }
        func hour(_ t: Int64) -> Int64 { t >= 0 ? t / 3_600 * 3_600 : (t - 3_599) / 3_600 * 3_600 }
        var steps: [Int64] = []
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.time > a.time { steps.append(b.time - a.time) }
        steps.sort()
        let step = steps.isEmpty ? 3_600 : steps[steps.count / 2]
        let rowsPerHour = step < 3_600 ? Int(3_600 / step) : 1
        let first = hour(sorted[0].time)
        let last = hour(sorted[sorted.count - 1].time)
        let count = Int((last - first) / 3_600) + 1
        guard count <= 1_000_000 else { throw .invalid("The series spans more than 1,000,000 hours.") }
        var values = [Double](repeating: 0, count: count)
        var rows = [Int](repeating: 0, count: count)
        for sample in sorted {
            let index = Int((hour(sample.time) - first) / 3_600)
            values[index] += sample.value
            rows[index] += 1
        }
        var lower = 0
        var upper = count
        if rowsPerHour > 1 {
            if upper - lower > 1, rows[lower] < rowsPerHour { lower += 1 }
            if upper - lower > 1, rows[upper - 1] < rowsPerHour { upper -= 1 }
        }
        return HourlySeries(start: first + Int64(lower) * 3_600, values: Array(values[lower..<upper]), nextHour: last + 3_600)
    }
}

extension HourlySeries {
    /// Events (seconds since 1970) counted per hour over the whole hours in [from, to): the
    /// desk's own arrivals, each case opening one event. The hour `to` falls in is not yet whole,
    /// so it is left out and forecast.
    public static func counting(_ events: [Int64], from: Int64, to: Int64) -> HourlySeries {
        let first = (from + 3_599) / 3_600 * 3_600
        let end = to / 3_600 * 3_600
        let hours = max(0, Int((end - first) / 3_600))
        var values = [Double](repeating: 0, count: hours)
        for t in events where t >= first && t < end { values[Int((t - first) / 3_600)] += 1 }
        return HourlySeries(start: first, values: values, nextHour: end)
    }
}

public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}
