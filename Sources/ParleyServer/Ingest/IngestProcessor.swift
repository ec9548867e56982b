import FluentKit
import Foundation
import Logging
import Metrics
import ParleyCore
import ParleyStore

/// Takes pending journal events in order, runs them through the pipeline and writes the result,
/// one batch per transaction. A crash mid-batch rolls the batch back; the events stay pending.
public struct IngestProcessor: Sendable {
    let database: any Database
    let effects: Effects
    let options: PipelineOptions
    let triager: Triager?
    let metrics: ParleyMetrics
    let hub: LiveHub?
    let batchSize: Int
    let logger = Logger(label: "parley.ingest")

    public init(
        database: any Database, effects: Effects, options: PipelineOptions, triager: Triager?, metrics: ParleyMetrics,
        hub: LiveHub?, batchSize: Int = 500
    ) {
        self.database = database
        self.effects = effects
        self.options = options
        self.triager = triager
        self.metrics = metrics
        self.hub = hub
        self.batchSize = batchSize
    }

    public struct BatchResult: Sendable, Equatable {
        public var events = 0
        public var malformed = 0
        public var tally = IngestPlan.Tally()
        public var changedConversations: Set<UUID> = []
    }

    /// Processes one batch; returns what it did (zero events when the journal is drained).
    @discardableResult
    public func runOnce() async throws -> BatchResult {
        let start = ContinuousClock.now
        let (options, batchSize, effects, triager) = (self.options, self.batchSize, self.effects, self.triager)
        let result = try await IngestStore(database: database).withIngestTransaction { store in
            let entries = try await Journal(database: store.database).pending(limit: batchSize)
            guard !entries.isEmpty else { return BatchResult() }
            var events: [InboundEvent] = []
            var processed: [Int] = []
            var malformed: [(sequence: Int, error: String)] = []
            for entry in entries {
                do {
                    events.append(try EventDecoder.decode(entry.event))
                    processed.append(entry.sequence)
                } catch {
                    malformed.append((entry.sequence, "\(error)"))
                }
            }
            let brand = BrandDirectory(handles: try await store.handles())
            let index = try await store.loadIndex(ThreadIndex.needs(of: events, brand: brand))
            let plan = IngestPlanner(brand: brand, options: options, triager: triager).plan(events, index: index)
            try await store.apply(plan, processed: processed, malformed: malformed, at: effects.now())
            try await ListeningRecorder.record(
                plan.messages.values.filter { index.messages[$0.id] == nil }, brand: brand, on: store.database, newID: effects.newID)
            var result = BatchResult()
            result.events = entries.count
            result.malformed = malformed.count
            result.tally = plan.tally
            result.changedConversations = Set(plan.conversations.keys)
            return result
        }
        guard result.events > 0 else { return result }
        metrics.eventsIngested.increment(by: result.events)
        metrics.eventsDuplicate.increment(by: result.tally.duplicates)
        if result.malformed > 0 {
            metrics.eventsMalformed.increment(by: result.malformed)
            logger.warning("malformed events journaled", metadata: ["count": "\(result.malformed)"])
        }
        metrics.pipelineLatency.recordInterval(since: start)
        logger.debug(
            "batch processed",
            metadata: ["events": "\(result.events)", "messages": "\(result.tally.newMessages)",
                       "conversations": "\(result.tally.newConversations)"])
        if let hub, !result.changedConversations.isEmpty {
            await hub.publish(ChangeNotice(conversationIDs: result.changedConversations.sorted { $0.uuidString < $1.uuidString }, reason: "messages"))
        }
        return result
    }

    /// Processes until nothing is pending; returns the number of events processed.
    @discardableResult
    public func drain() async throws -> Int {
        var total = 0
        while true {
            let result = try await runOnce()
            if result.events == 0 { return total }
            total += result.events
        }
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
