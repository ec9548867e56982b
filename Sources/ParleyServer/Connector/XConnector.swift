import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore
import ParleyX

/// Runs the X sources: a loop per poll source over every handle, and the filtered stream when
/// the brand's plan has it. Rate limits wait for their reset, errors back off, a handle whose
/// credentials X refuses is marked and left alone, and a spent budget pauses reads.
public struct XConnector: Sendable {
    let database: any Database
    let config: XConnectorConfig
    let api: XAPI
    let credentials: XCredentials
    let meter: XCostMeter
    let poller: XPoller
    let ingestor: Ingestor
    let clock: @Sendable () -> Date
    let logger = Logger(label: "parley.x.connector")

    public init(
        database: any Database, config: XConnectorConfig, api: XAPI, credentials: XCredentials, meter: XCostMeter,
        ingestor: Ingestor, clock: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.config = config
        self.api = api
        self.credentials = credentials
        self.meter = meter
        self.ingestor = ingestor
        self.clock = clock
        self.poller = XPoller(
            database: database, api: api, meter: meter, ingestor: ingestor, pageSize: config.pageSize, clock: clock)
    }

    /// Runs until the task is cancelled. Each handle's polls and the filtered stream are singletons
    /// across processes (X bills every read, and allows one stream connection): each runs under
    /// `leadership`, so several `parley serve` processes read X once, not once each.
    public func run(leadership: Leadership, handleRefresh: Duration = .seconds(10)) async {
        await withTaskGroup(of: Void.self) { group in
            if config.stream {
                group.addTask { await leadership.lead("x.stream") { await runStream() } }
            }
            var started = Set<UUID>()
            while !Task.isCancelled {
                for handle in (try? await HandleQueries(database: database).all()) ?? [] where started.insert(handle.id).inserted {
                    let id = handle.id
                    group.addTask { await leadership.lead("x.handle.\(id.uuidString)") { await runHandle(id) } }
                }
                try? await Task.sleep(for: handleRefresh)
            }
            group.cancelAll()
        }
    }

    /// One handle's polls: mentions and brand terms (unless the stream brings them) and DMs.
    func runHandle(_ id: UUID) async {
        await withTaskGroup(of: Void.self) { group in
            if !config.stream {
                group.addTask { await pollLoop(.mentions, handle: id, every: config.mentionsInterval) }
                group.addTask { await pollLoop(.search, handle: id, every: config.searchInterval) }
            }
            group.addTask { await pollLoop(.dm, handle: id, every: config.dmInterval) }
        }
    }

    /// The filtered stream, with its rules kept in line with the handles.
    func runStream() async {
        let source = XStreamSource(
            database: database, api: api, credentials: credentials, meter: meter, ingestor: ingestor, clock: clock)
        var attempt = 0
        while !Task.isCancelled {
            do {
                let credential = try await credentials.app()
                try await source.syncRules(credential: credential)
                let stream = XFilteredStream(
                    api: api, credential: credential, stallTimeout: config.streamStallTimeout,
                    backoff: XBackoff(scale: config.backoffScale))
                await stream.run(into: source)
                return
            } catch {
                attempt += 1
                logger.error("filtered stream cannot start", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: .seconds(XBackoff(scale: config.backoffScale).delay(.http, attempt: attempt, unit: 0.5)))
            }
        }
    }

    /// Polls `source` for one handle, then waits `interval` (or until a rate limit resets, or a
    /// back-off ends). A handle that needs re-authorization, or is gone, is skipped until it is back.
    func pollLoop(_ source: XPollSource, handle id: UUID, every interval: Double) async {
        var waits = Waits(backoff: XBackoff(scale: config.backoffScale))
        while !Task.isCancelled {
            let handles = (try? await HandleQueries(database: database).all()) ?? []
            let status = try? await XConnectionQueries(database: database).statuses().first { $0.handleID == id }
            if let handle = handles.first(where: { $0.id == id }), let status, status.authState != .needsReauth,
               waits.ready(id, now: clock()) {
                await pollOnce(source, handle: handle, status: status, ownHandles: handles.map(\.username), waits: &waits)
            }
            let next = min(interval, max(0.05, waits.earliest(after: clock())?.timeIntervalSince(clock()) ?? interval))
            try? await Task.sleep(for: .seconds(next))
        }
    }

    /// One poll for one handle; what went wrong decides when the next may run.
    func pollOnce(_ source: XPollSource, handle: Handle, status: XConnectionStatus, ownHandles: [String], waits: inout Waits) async {
        do {
            guard let credential = try await credential(for: source, status: status) else { return }
            let meter = self.meter
            let report = try await poller.poll(source, handle: handle, ownHandles: ownHandles, credential: credential) {
                try await meter.budgetReached(status)
            }
            if report.pausedByBudget {
                logger.warning("monthly X budget reached; reads paused", metadata: ["handle": "\(handle.username)"])
            }
            waits.succeeded(handle.id, rateLimit: report.rateLimit)
        } catch let error as XAPIError {
            switch error {
            case .unauthorized, .forbidden:
                logger.error("X refused the handle's credentials; it needs re-authorization",
                             metadata: ["handle": "\(handle.username)", "source": "\(source.rawValue)"])
                try? await XConnectionQueries(database: database).markNeedsReauth(handle.id, reason: error.description)
            default:
                waits.failed(handle.id, error: error, now: clock())
            }
        } catch let error as XConnectorError {
            if case .needsReauthorization = error { return }
            logger.warning("poll skipped", metadata: ["handle": "\(handle.username)", "reason": "\(error)"])
            waits.failed(handle.id, error: .refused(status: 0, title: "configuration", detail: error.description), now: clock())
        } catch {
            logger.error("poll failed", metadata: ["handle": "\(handle.username)", "source": "\(source.rawValue)", "error": "\(error)"])
            waits.failed(handle.id, error: .transport(reason: "store"), now: clock())
        }
    }

    /// Mentions read in the handle's user context when it has one, else app-only; search reads
    /// app-only when it can; DMs need the user context. Nil: this source cannot run for the handle.
    func credential(for source: XPollSource, status: XConnectionStatus) async throws -> XCredential? {
        switch source {
        case .dm:
            return status.hasCredentials ? try await credentials.user(status.handleID) : nil
        case .mentions:
            if status.hasCredentials { return try await credentials.user(status.handleID) }
            return await credentials.hasApp() ? try await credentials.app() : nil
        case .search:
            if await credentials.hasApp() { return try await credentials.app() }
            return status.hasCredentials ? try await credentials.user(status.handleID) : nil
        }
    }

    /// When each handle may be polled again.
    struct Waits {
        let backoff: XBackoff
        private var until: [UUID: Date] = [:]
        private var failures: [UUID: Int] = [:]

        init(backoff: XBackoff) {
            self.backoff = backoff
        }

        func ready(_ id: UUID, now: Date) -> Bool {
            (until[id] ?? .distantPast) <= now
        }

        func earliest(after now: Date) -> Date? {
            until.values.filter { $0 > now }.min()
        }

        mutating func succeeded(_ id: UUID, rateLimit: XRateLimit?) {
            failures[id] = 0
            until[id] = rateLimit.flatMap { $0.isExhausted ? $0.resetAt : nil }
        }

        mutating func failed(_ id: UUID, error: XAPIError, now: Date) {
            let attempt = (failures[id] ?? 0) + 1
            failures[id] = attempt
            if case .rateLimited(let reset?) = error, reset > now {
                until[id] = reset
            } else {
                until[id] = now.addingTimeInterval(
                    backoff.delay(XBackoff.failure(for: error), attempt: attempt, unit: Double.random(in: 0..<1)))
            }
        }
    }
}
