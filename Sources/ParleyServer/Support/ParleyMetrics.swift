import Metrics
import Prometheus

/// The desk's counters and histograms, exported in Prometheus text at `/metrics`.
/// Each application has its own registry (no global bootstrap), so tests can run several apps.
public struct ParleyMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let eventsIngested: Metrics.Counter
    public let eventsMalformed: Metrics.Counter
    public let eventsDuplicate: Metrics.Counter
    public let pipelineLatency: Metrics.Timer
    public let outboxSent: Metrics.Counter
    public let outboxFailed: Metrics.Counter
    /// Items a posting limit made wait.
    public let outboxHeld: Metrics.Counter
    public let xMalformed: Metrics.Counter
    let factory: PrometheusMetricsFactory

    public init() {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        self.registry = registry
        eventsIngested = Metrics.Counter(label: "parley_events_ingested_total", factory: factory)
        eventsMalformed = Metrics.Counter(label: "parley_events_malformed_total", factory: factory)
        eventsDuplicate = Metrics.Counter(label: "parley_events_duplicate_total", factory: factory)
        pipelineLatency = Metrics.Timer(label: "parley_pipeline_batch_seconds", factory: factory)
        outboxSent = Metrics.Counter(label: "parley_outbox_sent_total", factory: factory)
        outboxFailed = Metrics.Counter(label: "parley_outbox_failed_total", factory: factory)
        outboxHeld = Metrics.Counter(label: "parley_outbox_held_total", factory: factory)
        xMalformed = Metrics.Counter(label: "parley_x_malformed_responses_total", factory: factory)
        self.factory = factory
    }

    /// Requests to X by endpoint (`GET /2/users/:id/mentions`) and status (`200`, `429`, `none`).
    public func xRequest(endpoint: String, status: String) -> Metrics.Counter {
        Metrics.Counter(label: "parley_x_requests_total", dimensions: [("endpoint", endpoint), ("status", status)], factory: factory)
    }

    /// Billable resources this process read or wrote, by resource (per handle and per day: the
    /// `parley_x_cost_usd` gauges, from the store).
    public func xUnits(resource: String) -> Metrics.Counter {
        Metrics.Counter(label: "parley_x_units_total", dimensions: [("resource", resource)], factory: factory)
    }

    /// What those resources cost, in microdollars.
    public func xCost(resource: String) -> Metrics.Counter {
        Metrics.Counter(label: "parley_x_cost_microdollars_total", dimensions: [("resource", resource)], factory: factory)
    }
}
