import Foundation

/// At most `limit` events per key within `window`; once reached, further ones wait until the
/// oldest ages out. Slows password guessing (failed sign-ins per email and address) and bursts
/// of inbound e-mail (per sender). Per process; with several processes each keeps its own count,
/// which still bounds what one process takes.
actor SlidingWindowLimit {
    private let limit: Int
    private let window: TimeInterval
    private var events: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Nil when another event may happen now; otherwise how long until one may.
    func retryAfter(_ key: String, now: Date) -> TimeInterval? {
        let recent = (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
        events[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return window - now.timeIntervalSince(oldest)
    }

    func record(_ key: String, now: Date) {
        events[key, default: []].append(now)
        // Keep the table bounded under a flood of distinct keys.
        if events.count > 10_000 {
            events = events.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        }
    }

    func reset(_ key: String) {
        events[key] = nil
    }
}
