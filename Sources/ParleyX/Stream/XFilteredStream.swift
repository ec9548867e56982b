import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Where the filtered stream delivers. Each call finishes its work (durably) before it returns.
public protocol XStreamSink: Sendable {
    /// A connection is open: a good moment to backfill what was missed while there was none.
    func connected() async throws
    /// Complete lines (posts, or X's operational messages), in order.
    func received(_ lines: [Data]) async throws
    /// The connection ended; `truncatedBytes` is the size of a line it cut off (0 if none).
    func disconnected(reason: String, truncatedBytes: Int) async
}

/// Keeps one filtered-stream connection open: connects, reads lines, notices a stall (no byte at
/// all, not even X's 20-second keep-alive, for `stallTimeout`), and reconnects with X's backoff.
public struct XFilteredStream: Sendable {
    public let api: XAPI
    public let credential: XCredential
    /// X sends a keep-alive every 20 s; a little more than that without a byte means a dead line.
    public var stallTimeout: Double
    public var backoff: XBackoff
    let random: @Sendable () -> Double
    let logger = Logger(label: "parley.x.stream")

    public init(
        api: XAPI, credential: XCredential, stallTimeout: Double = 30, backoff: XBackoff = XBackoff(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.api = api
        self.credential = credential
        self.stallTimeout = stallTimeout
        self.backoff = backoff
        self.random = random
    }

    /// Why one connection ended.
    public enum Ending: Error, Sendable, Equatable {
        case stalled
        case closedByX
        case failed(XAPIError)
        case sinkFailed(String)
    }

    /// Runs until the task is cancelled.
    public func run(into sink: some XStreamSink) async {
        var attempt = 0
        while !Task.isCancelled {
            let ending = await connectOnce(into: sink, onOpen: { attempt = 0 })
            if Task.isCancelled { return }
            attempt += 1
            let failure: XBackoff.Failure
            var wait: Double
            switch ending {
            case .failed(let error):
                failure = XBackoff.failure(for: error)
                wait = backoff.delay(failure, attempt: attempt, unit: random())
                if case .rateLimited(let reset?) = error { wait = max(wait, reset.timeIntervalSinceNow) }
            case .stalled, .closedByX:
                failure = .network
                wait = backoff.delay(failure, attempt: attempt, unit: random())
            case .sinkFailed:
                failure = .http
                wait = backoff.delay(failure, attempt: attempt, unit: random())
            }
            logger.notice("filtered stream reconnecting", metadata: [
                "after": "\(ending)", "attempt": "\(attempt)", "wait_seconds": "\(String(format: "%.2f", wait))",
            ])
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    /// One connection, from open to end.
    func connectOnce(into sink: some XStreamSink, onOpen: () -> Void) async -> Ending {
        let response: HTTPClientResponse
        do {
            response = try await api.openFilteredStream(credential: credential)
        } catch {
            await sink.disconnected(reason: error.description, truncatedBytes: 0)
            return .failed(error)
        }
        onOpen()
        do {
            try await sink.connected()
        } catch {
            await sink.disconnected(reason: "backfill failed", truncatedBytes: 0)
            return .sinkFailed("\(error)")
        }
        let activity = Activity()
        let pending = Pending()
        var ending: Ending
        do {
            // The reader never waits for the database: lines queue up while a batch is written, so
            // the next batch is larger and the stream keeps up (bounded: a full queue slows reading).
            ending = try await withThrowingTaskGroup(of: Ending?.self) { group in
                group.addTask {
                    var splitter = XLineSplitter()
                    do {
                        for try await chunk in response.body {
                            await activity.touch()
                            let lines = splitter.append(chunk.readableBytesView)
                            if !lines.isEmpty { await pending.push(lines) }
                        }
                    } catch is CancellationError {
                        // Hung up on purpose (a stall, or the writer failed).
                    } catch {
                        await activity.fail(XClient.describe(error))
                    }
                    await activity.cut(splitter.finish())
                    await pending.close()
                    return nil
                }
                group.addTask {
                    while true {
                        let batch = await pending.take(max: Self.maxBatch)
                        if batch.isEmpty {
                            if await pending.isClosed { return .closedByX }
                            try await Task.sleep(for: .milliseconds(2))
                            continue
                        }
                        do {
                            try await sink.received(batch)
                        } catch {
                            return .sinkFailed("\(error)")
                        }
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: .seconds(max(0.05, stallTimeout / 4)))
                        if await activity.idleSeconds() > stallTimeout { return .stalled }
                    }
                }
                while let result = try await group.next() {
                    if let ending = result {
                        group.cancelAll()
                        return ending
                    }
                }
                return .closedByX
            }
        } catch {
            ending = .closedByX
        }
        if ending == .closedByX, let failure = await activity.failure {
            ending = .failed(.transport(reason: failure))
        }
        await sink.disconnected(reason: "\(ending)", truncatedBytes: await activity.truncated)
        return ending
    }

    /// Lines per call to the sink: one journal transaction.
    static let maxBatch = 5_000

    /// Lines read and not yet handed to the sink.
    private actor Pending {
        private var lines: [Data] = []
        private(set) var isClosed = false
        /// Past this many queued lines the reader waits, and TCP slows X down.
        private let limit = 50_000

        func push(_ new: [Data]) async {
            while lines.count > limit && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(1))
            }
            lines.append(contentsOf: new)
        }

        func take(max: Int) -> [Data] {
            guard lines.count > max else {
                defer { lines.removeAll(keepingCapacity: true) }
                return lines
            }
            let batch = Array(lines.prefix(max))
            lines.removeFirst(max)
            return batch
        }

        func close() {
            isClosed = true
        }
    }

    /// When a byte last arrived, shared by the reader and the watchdog.
    private actor Activity {
        private var last = Date()
        private(set) var truncated = 0
        private(set) var failure: String?
        func touch() { last = Date() }
        func cut(_ bytes: Int) { truncated = bytes }
        func fail(_ reason: String) { failure = reason }
        func idleSeconds() -> Double { Date().timeIntervalSince(last) }
    }
}
