import Foundation

/// Staffing from queueing theory: Erlang C when customers wait as long as it takes, Erlang A
/// when they give up after an exponential patience. Both search upwards from the traffic for the
/// fewest agents meeting the service target and the occupancy cap. Erlang B is computed by its
/// recursion, which stays in [0, 1] however many agents (no factorials, no overflow).
public enum Staffing {
    /// At most this many agents are tried before the target is called out of reach.
    public static let maxAgents = 100_000

    public static func plan(_ request: StaffingRequest) throws(StaffingError) -> StaffingPlan {
        try check(request)
        let traffic = request.arrivals / request.intervalSeconds * request.ahtSeconds
        let shrinkage = request.shrinkage ?? 0
        let cap = request.maxOccupancy ?? 1
        guard request.arrivals > 0 else {
            return StaffingPlan(agents: 0, scheduledAgents: 0, serviceLevel: 1, occupancy: 0, pWait: 0, asaSeconds: 0, pAbandon: request.patienceSeconds == nil ? nil : 0)
        }
        var blocking = 1.0  // Erlang B with n agents, built up one agent at a time
        var n = 0
        while n < maxAgents {
            n += 1
            blocking = traffic * blocking / (Double(n) + traffic * blocking)
            let result: StaffingPlan?
            if let patience = request.patienceSeconds {
                result = erlangA(agents: n, request: request, patience: patience, blocking: blocking)
            } else {
                result = erlangC(agents: n, traffic: traffic, request: request, blocking: blocking)
            }
            guard var plan = result, plan.serviceLevel >= request.serviceLevel - 1e-12, plan.occupancy <= cap + 1e-12 else { continue }
            plan.scheduledAgents = Int((Double(n) / (1 - shrinkage) - 1e-9).rounded(.up))
            return plan
        }
        throw .impossible("No staffing up to \(maxAgents) agents meets the target.")
    }

    /// Nil when `agents` cannot carry the traffic (occupancy would be 100% or more).
    static func erlangC(agents n: Int, traffic: Double, request: StaffingRequest, blocking: Double) -> StaffingPlan? {
        let agents = Double(n)
        guard agents > traffic else { return nil }
        let wait = agents * blocking / (agents - traffic * (1 - blocking))
        let level = 1 - wait * exp(-(agents - traffic) * request.targetSeconds / request.ahtSeconds)
        return StaffingPlan(
            agents: n, scheduledAgents: n, serviceLevel: level, occupancy: traffic / agents, pWait: wait,
            asaSeconds: wait * request.ahtSeconds / (agents - traffic), pAbandon: nil)
    }

    /// The M/M/n+M queue, from its birth–death chain: state k customers present, arrivals at λ,
    /// departures at min(k, n)·μ (service) plus max(k − n, 0)·θ (abandonment). An arrival that
    /// finds k ≥ n waits behind k − n others; it is answered within the target if it reaches an
    /// agent before the target and before its own patience runs out (worked out by
    /// uniformization of its place in the queue).
    static func erlangA(agents n: Int, request: StaffingRequest, patience: Double, blocking: Double) -> StaffingPlan? {
        let lambda = request.arrivals / request.intervalSeconds
        let mu = 1 / request.ahtSeconds
        let theta = 1 / patience
        let service = Double(n) * mu
        // π_k relative to π_n, for k ≥ n (the queue part); below n relative terms via Erlang B.
        // With B = E_{1,n}, Σ_{k<n} π_k / π_n = (1 − B) / B.
        var queue: [Double] = [1]
        var term = 1.0
        var total = 1.0
        while queue.count < 1_000_000 {
            let k = queue.count  // customers waiting
            let ratio = lambda / (service + Double(k) * theta)
            term *= ratio
            queue.append(term)
            total += term
            // The ratios only fall from here, so the tail is at most term / (1 − ratio).
            if ratio < 1, term / (1 - ratio) < 1e-15 * total { break }
        }
        let below = (1 - blocking) / max(blocking, .leastNormalMagnitude)
        let norm = below + total
        let pWait = total / norm
        var waiting = 0.0
        for (k, weight) in queue.enumerated() { waiting += Double(k) * weight }
        waiting /= norm
        let pAbandon = theta * waiting / lambda
        let occupancy = lambda * (1 - pAbandon) / service
        guard occupancy < 1 else { return nil }
        // Answered within the target: those who did not wait, plus those served in time.
        let level = (1 - pWait) + servedInTime(queue.map { $0 / norm }, service: service, theta: theta, target: request.targetSeconds)
        return StaffingPlan(
            agents: n, scheduledAgents: n, serviceLevel: level, occupancy: occupancy, pWait: pWait, asaSeconds: waiting / lambda,
            pAbandon: pAbandon)
    }

    /// Σ_j weights[j] · P(a customer with j ahead of them reaches an agent within `target`), by
    /// uniformization of the chain "j ahead" → "j − 1 ahead" (rate n·μ + j·θ) → … → served
    /// (rate n·μ from 0 ahead), with the customer's own abandonment (θ) absorbing.
    static func servedInTime(_ weights: [Double], service: Double, theta: Double, target: Double) -> Double {
        let top = weights.count - 1
        let rate = service + Double(top) * theta + theta
        var state = weights  // probability of being j ahead
        var served = 0.0
        let q = rate * target
        // Poisson(m; q) weights, stepped in log space so a long target cannot underflow or overflow.
        var logPoisson = -q
        var cumulative = 0.0
        var result = 0.0
        var m = 0
        while true {
            let poisson = exp(logPoisson)
            result += poisson * served
            cumulative += poisson
            if 1 - cumulative < 1e-13 || m > Int(q + 40 * q.squareRoot() + 100) { result += (1 - cumulative) * served; break }
            // One uniformized step.
            var next = state
            for j in 0...top where state[j] > 0 {
                let forward = (j == 0 ? service : service + Double(j) * theta) / rate
                let leave = theta / rate
                next[j] -= state[j] * (forward + leave)
                if j == 0 { served += state[j] * forward } else { next[j - 1] += state[j] * forward }
            }
            state = next
            m += 1
            logPoisson += log(q) - log(Double(m))
        }
        return result
    }

    static func check(_ r: StaffingRequest) throws(StaffingError) {
        func finite(_ value: Double, _ name: String) throws(StaffingError) {
            guard value.isFinite else { throw .invalid("\(name) must be a number.") }
        }
        try finite(r.arrivals, "arrivals")
        guard r.arrivals >= 0 else { throw .invalid("arrivals must be 0 or more.") }
        guard r.intervalSeconds.isFinite, r.intervalSeconds > 0 else { throw .invalid("interval_seconds must be more than 0.") }
        guard r.ahtSeconds.isFinite, r.ahtSeconds > 0 else { throw .invalid("aht_seconds must be more than 0.") }
        guard r.targetSeconds.isFinite, r.targetSeconds >= 0 else { throw .invalid("target_seconds must be 0 or more.") }
        guard r.serviceLevel.isFinite, r.serviceLevel >= 0, r.serviceLevel < 1 else { throw .invalid("service_level must be from 0 to less than 1.") }
        if let s = r.shrinkage { guard s.isFinite, s >= 0, s < 1 else { throw .invalid("shrinkage must be from 0 to less than 1.") } }
        if let o = r.maxOccupancy { guard o.isFinite, o > 0, o <= 1 else { throw .invalid("max_occupancy must be more than 0 and at most 1.") } }
        if let p = r.patienceSeconds { guard p.isFinite, p > 0 else { throw .invalid("patience_seconds must be more than 0.") } }
    }
}
