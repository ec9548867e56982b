import Testing

@testable import ParleyX

/// X's reconnect advice for its streams: network errors back off linearly by 250 ms up to 16 s,
/// HTTP errors exponentially from 5 s up to 320 s, rate limits exponentially from 60 s up to 960 s.
@Suite struct XBackoffTests {
    static let backoff = XBackoff()

    @Test func networkErrorsBackOffLinearlyIn250msStepsUpTo16s() {
        let delays = [1, 2, 3, 4, 10, 63, 64, 65, 1_000].map { Self.backoff.baseDelay(.network, attempt: $0) }
        #expect(delays == [0.25, 0.5, 0.75, 1, 2.5, 15.75, 16, 16, 16])
    }

    @Test func httpErrorsDoubleFrom5sUpTo320s() {
        let delays = (1...9).map { Self.backoff.baseDelay(.http, attempt: $0) }
        #expect(delays == [5, 10, 20, 40, 80, 160, 320, 320, 320])
    }

    @Test func rateLimitsDoubleFrom60sUpTo960s() {
        let delays = (1...7).map { Self.backoff.baseDelay(.rateLimited, attempt: $0) }
        #expect(delays == [60, 120, 240, 480, 960, 960, 960])
    }

    @Test(arguments: [XBackoff.Failure.network, .http, .rateLimited])
    func hugeAttemptNumbersStayAtTheCap(failure: XBackoff.Failure) {
        let cap = Self.backoff.baseDelay(failure, attempt: 10_000)
        #expect(Self.backoff.baseDelay(failure, attempt: Int.max) == cap)
        #expect(cap == [XBackoff.Failure.network: 16.0, .http: 320, .rateLimited: 960][failure])
    }

    @Test(arguments: [XBackoff.Failure.network, .http, .rateLimited])
    func attemptsBelowOneCountAsTheFirst(failure: XBackoff.Failure) {
        let first = Self.backoff.baseDelay(failure, attempt: 1)
        #expect(Self.backoff.baseDelay(failure, attempt: 0) == first)
        #expect(Self.backoff.baseDelay(failure, attempt: -5) == first)
    }

    @Test func jitterIsAtMostTwentyPercentEitherWay() {
        #expect(Self.backoff.delay(.http, attempt: 1, unit: 0) == 4)
        #expect(Self.backoff.delay(.http, attempt: 1, unit: 0.5) == 5)
        #expect(Self.backoff.delay(.http, attempt: 1, unit: 0.25) == 4.5)
        #expect(abs(Self.backoff.delay(.http, attempt: 1, unit: 0.999_999) - 6) < 0.000_01)
        #expect(abs(Self.backoff.delay(.rateLimited, attempt: 5, unit: 1) - 1_152) < 0.000_001)
    }

    @Test func unitsOutsideZeroToOneAreClamped() {
        #expect(Self.backoff.delay(.network, attempt: 4, unit: -3) == 0.8)
        #expect(abs(Self.backoff.delay(.network, attempt: 4, unit: 7) - 1.2) < 0.000_001)
    }

    @Test func scaleMultipliesEveryDelay() {
        let fast = XBackoff(scale: 0.001)
        #expect(fast.baseDelay(.http, attempt: 3) == 20 * 0.001)
        #expect(fast.baseDelay(.rateLimited, attempt: 99) == 960 * 0.001)
        #expect(fast.delay(.network, attempt: 1, unit: 0) == 0.25 * 0.001 * 0.8)
        #expect(XBackoff().scale == 1)
    }

    @Test func errorsMapToTheirKindOfFailure() {
        #expect(XBackoff.failure(for: .rateLimited(resetAt: nil)) == .rateLimited)
        #expect(XBackoff.failure(for: .transport(reason: "connection reset")) == .network)
        #expect(XBackoff.failure(for: .unavailable(status: 503, detail: "x")) == .http)
        #expect(XBackoff.failure(for: .malformed(status: 200, reason: "x")) == .http)
        #expect(XBackoff.failure(for: .unauthorized(detail: "x")) == .http)
        #expect(XBackoff.failure(for: .refused(status: 400, title: "t", detail: "d")) == .http)
    }
}
