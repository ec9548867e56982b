import Foundation

/// X's `x-rate-limit-*` headers on one response: the window's size, what is left, and when it resets.
public struct XRateLimit: Sendable, Equatable {
    public var limit: Int
    public var remaining: Int
    public var resetAt: Date

    public init(limit: Int, remaining: Int, resetAt: Date) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// Reads the three headers (case-insensitive names); nil unless all three are present and numeric.
    public init?(header: (String) -> String?) {
        guard let limit = header("x-rate-limit-limit").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
              let remaining = header("x-rate-limit-remaining").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
              let reset = header("x-rate-limit-reset").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
              reset.isFinite, reset >= 0, reset < 1e11
        else { return nil }
        self.init(limit: limit, remaining: remaining, resetAt: Date(timeIntervalSince1970: reset))
    }

    /// Whether the next request in this window would be refused.
    public var isExhausted: Bool { remaining <= 0 }
}
