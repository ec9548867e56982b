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
    }
}
