import Foundation
import ParleyCore
import Testing

@Suite struct SpikeDetectorTests {
    /// The Swift detector gives the reference prototype's output, point for point, on the first
    /// 3,000 points of NAB's AAPL series (scores to 1e-6, alerts exactly).
    @Test func matchesTheReferenceOnAAPL() throws {
        let url = try #require(Bundle.module.url(forResource: "detector-AAPL-first-3000", withExtension: "csv", subdirectory: "Fixtures/nab"))
        let expected = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let series = try String(contentsOf: TestFiles.sharedData.appendingPathComponent("nab-realtweets/data/realTweets/Twitter_volume_AAPL.csv"), encoding: .utf8)
        let rows = VolumeSeriesCSV.parse(series).rows.prefix(expected.count)
        let points = SpikeEvaluation.detect(rows.map(\.sample))
        #expect(points.count == 3_000)
        var alerts = 0
        for (point, line) in zip(points, expected) {
            let score = try #require(Double(line[2]))
            #expect(abs(point.score - score) < 1.5e-6)
            #expect(point.alert == (line[3] == "1"))
            if point.alert { alerts += 1 }
        }
        #expect(alerts == 1)
    }

    /// A quiet series with a burst: nothing during the first day, one alert within the burst's
    /// half hour (not one per point of it, and not at its first bucket alone: the 2-hour count
    /// must confirm it), and the explanation's figures are the burst's.
    @Test func alertsOnceOnABurstAndExplainsIt() {
        var detector = SpikeDetector()
        var generator = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15 &+ 7)
        var alerts: [Int] = []
        var explained: SpikeDetector.Point?
        let start: Int64 = 1_700_000_000 - 1_700_000_000 % 86_400
        for i in 0..<(3 * 288) {
            let time = start + Int64(i) * 300
            let hour = SpikeDetector.hour(of: time)
            let usual = 10 + 6 * sin(Double(hour) / 24 * 2 * .pi)
            var value = usual + Double(generator.next() % 7) - 3
            if (600..<606).contains(i) { value += 120 }
            let point = detector.score(hour: hour, value: value)
            if point.alert {
                alerts.append(i)
                if explained == nil { explained = point }
            }
            if i < 288 { #expect(point.score == 0 && !point.alert) }
        }
        #expect(alerts.count == 1)
        #expect((600..<606).contains(alerts.first ?? 0))
        let point = try? #require(explained)
        #expect((point?.last15Minutes ?? 0) > 120)
        #expect((point?.ratio ?? 0) > 3)
    }
}

@Suite struct SpikeDetectorBoundTests {
    /// Below `fewestAlertingPosts` in 15 minutes nothing alerts, even after weeks of silence; at a
    /// few more, it does: the watcher's skipping of quiet series never hides an alert.
    @Test func fewerPostsThanTheBoundNeverAlert() {
        let fewest = SpikeDetector.fewestAlertingPosts()
        #expect(fewest == 10)
        for burst in [fewest, fewest + 8] {
            var detector = SpikeDetector()
            var alerted = false
            for i in 0..<(7 * 288) {
                let value: Double = i >= 7 * 288 - 3 ? Double(burst) / 3 : 0
                if detector.score(hour: (i / 12) % 24, value: value).alert { alerted = true }
            }
            #expect(alerted == (burst > fewest), "\(burst) posts in 15 minutes")
        }
    }
}
