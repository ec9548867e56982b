import Foundation

/// Slows password guessing: after `limit` failed sign-ins for one email from one address within
/// `window`, further attempts are refused until the oldest failure ages out. Per process; with
/// several processes each keeps its own count, which still bounds guesses per process.
actor LoginThrottle {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Nil when an attempt may go ahead; otherwise how long until the next one may.
    func retryAfter(email: String, address: String, now: Date) -> TimeInterval? {
        let key = Self.key(email, address)
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return window - now.timeIntervalSince(oldest)
    }

    func recordFailure(email: String, address: String, now: Date) {
        failures[Self.key(email, address), default: []].append(now)
        // Keep the table bounded under a flood of distinct keys.
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        }
    }

    func recordSuccess(email: String, address: String) {
        failures[Self.key(email, address)] = nil
    }

    private static func key(_ email: String, _ address: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased() + "|" + address
    }
}
