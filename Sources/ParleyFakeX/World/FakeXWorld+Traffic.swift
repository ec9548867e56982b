import Foundation

/// The rate-limit headers X sends on every v2 response.
struct RateLimitState: Sendable {
    var limit: Int
    var remaining: Int
    var reset: Int
}

extension FakeXWorld {
    /// The next `times` requests to `path` (a route pattern, e.g. "/2/users/:id/mentions") get
    /// the fault. Faults injected for the same route are served in order.
    public func inject(_ fault: FakeXFault, path: String, times: Int = 1) {
        guard times > 0 else { return }
        faults[path, default: []].append((fault, times))
    }

    func takeFault(route: String) -> FakeXFault? {
        guard var queue = faults[route], !queue.isEmpty else { return nil }
        let fault = queue[0].fault
        queue[0].remaining -= 1
        if queue[0].remaining == 0 { queue.removeFirst() }
        faults[route] = queue.isEmpty ? nil : queue
        return fault
    }

    /// Counts a request against its endpoint's window for that token (fixed windows, as X's
    /// 15-minute ones). `remaining` goes below zero once the limit is spent.
    func countRequest(endpoint: String, credential: String) -> RateLimitState {
        let key = "\(endpoint) \(credential)"
        var window = rateWindows[key] ?? (now, 0)
        if now.timeIntervalSince(window.start) >= options.rateLimitWindow { window = (now, 0) }
        window.count += 1
        rateWindows[key] = window
        return RateLimitState(
            limit: options.rateLimit, remaining: options.rateLimit - window.count,
            reset: Int(window.start.addingTimeInterval(options.rateLimitWindow).timeIntervalSince1970))
    }

    func record(_ request: FakeXRequest) {
        requestLog.append(request)
    }

    /// Every request received, in arrival order.
    public func requests() -> [FakeXRequest] {
        requestLog
    }

    public func clearRequests() {
        requestLog.removeAll()
    }
}
