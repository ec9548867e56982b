import Foundation
import Logging
import ParleyCore

/// Feeds lines of X payloads through the journal and the pipeline, as a live source would.
public struct Replayer: Sendable {
    let ingestor: Ingestor
    let processor: IngestProcessor
    let source: EventSource
    let logger = Logger(label: "parley.replay")

    public init(ingestor: Ingestor, processor: IngestProcessor, source: EventSource = .replay) {
        self.ingestor = ingestor
        self.processor = processor
        self.source = source
    }

    public struct Report: Sendable, Equatable {
        public var lines = 0
        public var journaled = 0
        public var processed = 0
    }

    /// Replays `lines`. At `.max`, lines go in batches as fast as the store takes them; at `.times(n)`,
    /// each line waits until its post time, divided by `n`, has passed since the first line's.
    public func run(_ lines: [Data], speed: ReplaySpeed, batchSize: Int = 500) async throws -> Report {
        var report = Report()
        switch speed {
        case .max:
            for start in stride(from: 0, to: lines.count, by: batchSize) {
                let batch = lines[start..<min(start + batchSize, lines.count)]
                report.journaled += try await ingestor.receive(batch.map { ingestor.rawEvent($0, source: source) })
                report.processed += try await processor.drain()
                report.lines += batch.count
            }
        case .times(let factor):
            let clock = ContinuousClock()
            let begin = clock.now
            let first = lines.lazy.compactMap(ReplayFile.timestamp(of:)).first
            for line in lines {
                if let first, let at = ReplayFile.timestamp(of: line) {
                    let due = begin + .seconds(max(0, at.timeIntervalSince(first)) / factor)
                    if due > clock.now { try await Task.sleep(until: due, clock: clock) }
                }
                report.journaled += try await ingestor.receive([ingestor.rawEvent(line, source: source)])
                report.processed += try await processor.drain()
                report.lines += 1
            }
        }
        logger.info("replay finished", metadata: ["lines": "\(report.lines)", "journaled": "\(report.journaled)"])
        return report
    }
}
