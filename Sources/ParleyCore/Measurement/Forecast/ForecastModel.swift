import Foundation

/// The models a volume forecast chooses from. Each reads an hourly history (oldest first, no
/// gaps) and gives the next `horizon` hours. They work on log(1 + count), so a spike or an
/// outage moves them by its ratio, not its size, and the medians they are built from are robust
/// to both.
public enum ForecastModel: String, Sendable, CaseIterable {
    /// An hour-of-week profile (half the hour's own weekly median, half an hour-of-day profile
    /// plus a day-of-week level, which is steadier when a week has gone oddly) over the last four
    /// weeks, on the median level of the last five days.
    case weeklyProfile = "weekly-profile"
    /// The same profile with a damped trend: half the median week-on-week change, damped by 0.98
    /// an hour.
    case weeklyProfileTrend = "weekly-profile-trend"
    /// The same hour a week before.
    case seasonalNaive = "seasonal-naive"

    static let week = 168
    static let day = 24
    /// Weeks the profile reads, days the level reads, and the profile's share of the hour's own
    /// weekly median: chosen on the development origins (EVALUATION.md), on a plateau.
    static let profileWeeks = 4
    static let levelDays = 5
    static let ownHourShare = 0.4
    static let trendShare = 0.5
    static let trendDamping = 0.98

    public func predict(_ history: [Double], horizon: Int) -> [Double] {
        guard horizon > 0 else { return [] }
        guard !history.isEmpty else { return [Double](repeating: 0, count: horizon) }
        switch self {
        case .seasonalNaive:
            let n = history.count
            let period = n >= Self.week ? Self.week : n >= Self.day ? Self.day : 1
            return (0..<horizon).map { history[n - period + $0 % period] }
        case .weeklyProfile:
            return Self.profile(history, horizon: horizon, trend: false)
        case .weeklyProfileTrend:
            return Self.profile(history, horizon: horizon, trend: true)
        }
    }

    static func profile(_ history: [Double], horizon: Int, trend: Bool) -> [Double] {
        let x = history.map { log1p($0) }
        let n = x.count
        let weeks = min(profileWeeks, n / week)
        let logs: [Double]
        if weeks == 0 {
            logs = dailyProfile(x, horizon: horizon)
        } else {
            // Row w is week w of the last `weeks`, each as deviations from its own mean. Column j
            // is the same hour of the week: it lines up with forecast hour i where i % 168 == j.
            let base = n - week * weeks
            var rows: [[Double]] = []
            var means: [Double] = []
            for w in 0..<weeks {
                let row = Array(x[(base + w * week)..<(base + (w + 1) * week)])
                let mean = row.reduce(0, +) / Double(week)
                means.append(mean)
                rows.append(row.map { $0 - mean })
            }
            let ownHour = (0..<week).map { j in median(rows.map { $0[j] }) }
            var hourOfDay = (0..<day).map { h in median(rows.flatMap { row in (0..<7).map { row[$0 * day + h] } }) }
            let hourMean = hourOfDay.reduce(0, +) / Double(day)
            hourOfDay = hourOfDay.map { $0 - hourMean }
            let dayOfWeek = (0..<7).map { d in
                median(rows.map { row in (0..<day).map { row[d * day + $0] - hourOfDay[$0] }.reduce(0, +) / Double(day) })
            }
            var season = (0..<week).map { j in ownHourShare * ownHour[j] + (1 - ownHourShare) * (hourOfDay[j % day] + dayOfWeek[j / day]) }
            let seasonMean = season.reduce(0, +) / Double(week)
            season = season.map { $0 - seasonMean }
            let span = day * levelDays
            let level = median((0..<span).map { x[n - span + $0] - season[(week - span + $0) % week] })
            var slope = 0.0
            if trend, weeks >= 2 {
                slope = trendShare * median(zip(means, means.dropFirst()).map { $1 - $0 }) / Double(week)
            }
            var damped = 0.0
            var power = 1.0
            logs = (0..<horizon).map { i in
                power *= trendDamping
                damped += power
                return level + slope * damped + season[i % week]
            }
        }
        return logs.map { max(expm1($0), 0) }
    }

    /// Under a week of history: an hour-of-day profile over the days there are, or the median
    /// under a day.
    static func dailyProfile(_ x: [Double], horizon: Int) -> [Double] {
        let n = x.count
        let days = min(7, n / day)
        guard days > 0 else { return [Double](repeating: median(x), count: horizon) }
        let base = n - day * days
        let rows = (0..<days).map { d -> [Double] in
            let row = Array(x[(base + d * day)..<(base + (d + 1) * day)])
            let mean = row.reduce(0, +) / Double(day)
            return row.map { $0 - mean }
        }
        var season = (0..<day).map { h in median(rows.map { $0[h] }) }
        let mean = season.reduce(0, +) / Double(day)
        season = season.map { $0 - mean }
        let level = median((0..<(day * days)).map { x[base + $0] - season[$0 % day] })
        return (0..<horizon).map { level + season[$0 % day] }
    }
}

/// The median (the mean of the middle two for an even count); 0 for none.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// The p-th percentile (0–100) by linear interpolation between closest ranks.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let rank = p / 100 * Double(sorted.count - 1)
    let low = Int(rank.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
}
