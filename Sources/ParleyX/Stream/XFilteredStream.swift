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
        let ending: Ending
        do {
            ending = try await withThrowingTaskGroup(of: Ending.self) { group in
                group.addTask {
                    var splitter = XLineSplitter()
                    do {
                        for try await chunk in response.body {
                            await activity.touch()
                            let lines = splitter.append(chunk.readableBytesView)
                            if !lines.isEmpty {
                                do {
                                    try await sink.received(lines)
                                } catch {
                                    return .sinkFailed("\(error)")
                                }
                            }
                        }
                    } catch {
                        await activity.cut(splitter.finish())
                        throw error
                    }
                    await activity.cut(splitter.finish())
                    return .closedByX
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: .seconds(max(0.05, stallTimeout / 4)))
                        if await activity.idleSeconds() > stallTimeout { return .stalled }
                    }
                }
                let first = try await group.next() ?? .closedByX
                group.cancelAll()
                return first
            }
        } catch is CancellationError {
            ending = .closedByX
        } catch let error as XAPIError {
            ending = .failed(error)
        } catch {
            ending = .failed(.transport(reason: XClient.describe(error)))
        }
        await sink.disconnected(reason: "\(ending)", truncatedBytes: await activity.truncated)
        return ending
    }

    /// When a byte last arrived, shared by the reader and the watchdog.
    private actor Activity {
        private var last = Date()
        private(set) var truncated = 0
        func touch() { last = Date() }
        func cut(_ bytes: Int) { truncated = bytes }
        func idleSeconds() -> Double { Date().timeIntervalSince(last) }
    }
}
