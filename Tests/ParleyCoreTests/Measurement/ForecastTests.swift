import Foundation
import ParleyCore
import Testing

@Suite struct ForecastTests {
    let monday: Int64 = 1_425_254_400  // 2015-03-02 00:00:00 UTC

    /// A week of counts whose log is an hour-of-day shape plus a day-of-week level: the profile
    /// model's own family, so it must give it back exactly.
    func separableWeek(level: Double = 4) -> [Double] {
        (0..<168).map { j in
            let hour = sin(Double(j % 24) / 24 * 2 * .pi)
            let day = j / 24 >= 5 ? -0.7 : 0.1 * Double(j / 24)
            return expm1(level + hour + day)
        }
    }

    @Test func fiveMinuteRowsAreSummedIntoHoursAndCutHoursLeftOut() throws {
        // 10:40 to 13:15: 10:00 has 4 rows (cut short), 11:00 and 12:00 are whole, 13:00 has 4.
        var samples: [VolumeSample] = []
        var t = monday + 10 * 3_600 + 40 * 60
        while t <= monday + 13 * 3_600 + 15 * 60 {
            samples.append(VolumeSample(time: t, value: 2))
            t += 300
        }
        let series = try HourlySeries.summing(samples.shuffled())
        #expect(series.start == monday + 11 * 3_600)
        #expect(series.values == [24, 24])
        #expect(series.nextHour == monday + 14 * 3_600)
        #expect(series.gap == 1)
        // Hourly rows are taken as they are; a missing hour counts 0.
        let hourly = try HourlySeries.summing([VolumeSample(time: monday, value: 5), VolumeSample(time: monday + 7_200, value: 7)])
        #expect(hourly.values == [5, 0, 7])
        #expect(hourly.gap == 0)
    }

    @Test func badSeriesAreRefusedWithTheirReason() {
        #expect(throws: ForecastError.invalid("The series has no rows.")) { try HourlySeries.summing([]) }
        #expect(throws: ForecastError.self) { try HourlySeries.summing([VolumeSample(time: monday, value: -1)]) }
        let series = HourlySeries(start: monday, values: [1, 2, 3])
        #expect(throws: ForecastError.self) { try VolumeForecaster().forecast(series, horizon: 0) }
        #expect(throws: ForecastError.self) { try VolumeForecaster().forecast(series, horizon: 9_000) }
    }

    @Test func theProfileGivesBackAWeekOfItsOwnShape() {
        let week = separableWeek()
        let history = Array((0..<5).map { _ in week }.joined())
        let forecast = ForecastModel.weeklyProfile.predict(history, horizon: 200)
        for i in 0..<200 { #expect(abs(forecast[i] - week[i % 168]) < 1e-6 * week[i % 168] + 1e-9) }
        #expect(ForecastModel.seasonalNaive.predict(history, horizon: 3) == Array(week[0..<3]))
    }

    /// A tenfold burst for a day and a collection outage of two hours (zeros, as NAB's files have)
    /// in the history move the forecast by under 5%: it is built from medians, in logs.
    @Test func aSpikeAndAnOutageBarelyMoveTheForecast() {
        let week = separableWeek()
        let clean = Array((0..<5).map { _ in week }.joined())
        var noisy = clean
        for t in 700..<724 { noisy[t] *= 10 }
        noisy[780] = 0
        noisy[781] = 0
        let a = ForecastModel.weeklyProfile.predict(clean, horizon: 168)
        let b = ForecastModel.weeklyProfile.predict(noisy, horizon: 168)
        for i in 0..<168 { #expect(abs(b[i] - a[i]) / a[i] < 0.05) }
    }

    /// The forecast starts the hour after the input's last row (past a cut-short hour), gives
    /// one row an hour, and each interval holds its forecast.
    @Test func theForecasterGivesOneIntervalAnHourAfterTheInput() throws {
        var state: UInt64 = 7
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let week = separableWeek()
        let values = (0..<(6 * 168)).map { week[$0 % 168] * (0.8 + 0.4 * noise()) }
        let series = HourlySeries(start: monday, values: values, nextHour: monday + Int64(values.count + 1) * 3_600)
        let result = try VolumeForecaster().forecast(series, horizon: 48)
        #expect(result.hours.count == 48)
        #expect(result.hours.first?.hour == series.nextHour)
        #expect(zip(result.hours, result.hours.dropFirst()).allSatisfy { $1.hour - $0.hour == 3_600 })
        #expect(result.hours.allSatisfy { $0.lo80 <= $0.forecast && $0.forecast <= $0.hi80 && $0.lo80 >= 0 })
        // Noise of ±20% gives an interval of about that width, not a degenerate one.
        let width = result.hours.map { ($0.hi80 - $0.lo80) / $0.forecast }.reduce(0, +) / 48
        #expect(width > 0.1 && width < 0.8)
        // Its hours are the next hours of the week (this one skips hour 0 of week 7).
        for (k, hour) in result.hours.enumerated() { #expect(abs(hour.forecast - week[(k + 1) % 168]) / week[(k + 1) % 168] < 0.2) }
    }

    /// Too short to test itself: under a week an hour-of-day profile, under a day a flat median.
    @Test func shortHistoriesStillForecast() throws {
        let day = (0..<24).map { Double($0 < 8 ? 1 : 20) }
        let three = try VolumeForecaster().forecast(HourlySeries(start: monday, values: day + day + day), horizon: 24)
        #expect(three.hours.count == 24)
        #expect(three.hours[3].forecast < 2 && three.hours[12].forecast > 15)
        let hours = try VolumeForecaster().forecast(HourlySeries(start: monday, values: [4, 5, 6]), horizon: 2)
        #expect(hours.hours.map(\.forecast) == [5, 5])
        #expect(hours.hours.allSatisfy { $0.lo80 < 5 && $0.hi80 > 5 })
    }

    @Test func accuracyIsMeasuredAsM4Does() throws {
        #expect(ForecastAccuracy.smape(actual: [100, 0, 50], forecast: [100, 0, 150]) == 200.0 / 3 * 0.5)
        let history = (0..<48).map { Double($0 % 24) }
        // In-sample seasonal differences are all 0: no scale.
        #expect(ForecastAccuracy.mase(history: history, actual: [1], forecast: [2]) == nil)
        let mase = try #require(ForecastAccuracy.mase(history: [1, 2, 4], actual: [5, 5], forecast: [6, 3], period: 1))
        #expect(abs(mase - 1) < 1e-12)  // errors 1 and 2 (1.5) over in-sample 1 and 2 (1.5)
        // A purely multiplicative daily season is forecast exactly by Naive2; no season, the last value.
        let season = (0..<24).map { 1 + 0.5 * sin(Double($0) / 24 * 2 * .pi) }
        let seasonal = (0..<(24 * 5)).map { 100 * season[$0 % 24] }
        let naive = ForecastAccuracy.naive2(history: seasonal, horizon: 30)
        for i in 0..<30 { #expect(abs(naive[i] - 100 * season[(120 + i) % 24]) < 1e-9) }
        let flat = (0..<100).map { Double([3, 5, 4, 6, 5][$0 % 5]) }
        #expect(ForecastAccuracy.naive2(history: flat, horizon: 2) == [5, 5])
    }
}
