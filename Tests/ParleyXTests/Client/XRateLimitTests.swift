import Foundation
import Testing

@testable import ParleyX

@Suite struct XRateLimitTests {
    /// A header lookup over `fields`, case-insensitive as HTTP header names are.
    static func lookup(_ fields: [String: String]) -> (String) -> String? {
        { name in fields.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    static let headers = [
        "x-rate-limit-limit": "450", "x-rate-limit-remaining": "449", "x-rate-limit-reset": "1700000900",
    ]

    @Test func readsTheThreeHeaders() throws {
        let window = try #require(XRateLimit(header: Self.lookup(Self.headers)))
        #expect(window == XRateLimit(limit: 450, remaining: 449, resetAt: Date(timeIntervalSince1970: 1_700_000_900)))
        #expect(!window.isExhausted)
    }

    @Test func namesAreCaseInsensitiveAndValuesTrimmed() throws {
        let window = try #require(XRateLimit(header: Self.lookup([
            "X-Rate-Limit-Limit": " 15", "X-RATE-LIMIT-REMAINING": "0 ", "x-rate-limit-reset": " 1700000000 ",
        ])))
        #expect(window.limit == 15)
        #expect(window.remaining == 0)
        #expect(window.resetAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(window.isExhausted)
    }

    @Test(arguments: ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"])
    func anyHeaderMissingGivesNil(name: String) {
        var fields = Self.headers
        fields[name] = nil
        #expect(XRateLimit(header: Self.lookup(fields)) == nil)
    }

    @Test(arguments: ["", "abc", "12abc", "1.5.2", "  "])
    func anyHeaderNotNumericGivesNil(value: String) {
        for name in Self.headers.keys {
            var fields = Self.headers
            fields[name] = value
            #expect(XRateLimit(header: Self.lookup(fields)) == nil, "\(name): \(value)")
        }
    }

    @Test func aFractionalLimitOrRemainingGivesNil() {
        var fields = Self.headers
        fields["x-rate-limit-remaining"] = "4.5"
        #expect(XRateLimit(header: Self.lookup(fields)) == nil)
    }

    @Test func overdrawnWindowIsExhausted() {
        #expect(XRateLimit(limit: 10, remaining: -1, resetAt: Date(timeIntervalSince1970: 0)).isExhausted)
        #expect(!XRateLimit(limit: 10, remaining: 1, resetAt: Date(timeIntervalSince1970: 0)).isExhausted)
    }

    /// `Double("nan")` and `Double("inf")` parse, but a reset time that is not a finite date is
    /// not a reset time: `XAPIError.rateLimited(resetAt:).description` turns it into an `Int64`
    /// (`XTimestamp.formatISO8601`), which traps on NaN and infinity.
    @Test(arguments: ["nan", "inf", "-inf", "infinity"])
    func aResetThatIsNotAFiniteNumberGivesNil(value: String) {
        var fields = Self.headers
        fields["x-rate-limit-reset"] = value
        // Not `#expect(... == nil)`: on failure Swift Testing prints the value, and `Date.description`
        // traps on a NaN date.
        let accepted = XRateLimit(header: Self.lookup(fields)) != nil
        #expect(!accepted, "x-rate-limit-reset: \(value) was taken as a reset time")
    }
}
