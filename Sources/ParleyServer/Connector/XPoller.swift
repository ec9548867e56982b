import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore
import ParleyX

/// One poll of one source for one handle: read pages from the checkpoint on, journal every item,
/// and only then move the checkpoint. A crash between the two re-reads one page at most, and the
/// journal (keyed by post or DM event id) takes it once.
public struct XPoller: Sendable {
    let database: any Database
    let api: XAPI
    let meter: XCostMeter
    let ingestor: Ingestor
    let clock: @Sendable () -> Date
    /// Items per page (`max_results`): X's largest, 100, costs the fewest requests.
    let pageSize: Int
    let logger = Logger(label: "parley.x.poll")

    public init(
        database: any Database, api: XAPI, meter: XCostMeter, ingestor: Ingestor, pageSize: Int = 100,
        clock: @escaping @Sendable () -> Date
    ) {
        self.pageSize = pageSize
        self.database = database
        self.api = api
        self.meter = meter
        self.ingestor = ingestor
        self.clock = clock
    }

    public struct Report: Sendable, Equatable {
        public var pages = 0
        public var items = 0
        public var newlyJournaled = 0
        /// The window after the last page; a caller waits for its reset when nothing is left.
        public var rateLimit: XRateLimit?
        /// The budget ran out between pages; the checkpoint keeps the place.
        public var pausedByBudget = false
    }

    /// Polls `source` for the handle with `credential`. `handle` supplies the id, username and terms.
    public func poll(
        _ source: XPollSource, handle: Handle, ownHandles: [String], credential: XCredential,
        budget: @Sendable () async throws -> Bool = { false }
    ) async throws -> Report {
        let key = handle.id.uuidString
        switch source {
        case .mentions:
            return try await pollPosts(key: key, source: source, budget: budget) { sinceID, token throws(XAPIError) in
                try await api.mentions(
                    userID: handle.xUserID, sinceID: sinceID, paginationToken: token, maxResults: pageSize, credential: credential)
            }
        case .search:
            let built = XSearchQuery.brandTerms(handle.terms, handle: handle.username, ownHandles: ownHandles)
            if built.dropped > 0 {
                logger.warning("brand terms do not fit X's query limit; some are not searched",
                               metadata: ["handle": "\(handle.username)", "dropped": "\(built.dropped)"])
            }
            guard let query = built.query else { return Report() }
            return try await pollPosts(key: key, source: source, budget: budget) { sinceID, token throws(XAPIError) in
                try await api.searchRecent(
                    query: query, sinceID: sinceID, nextToken: token, maxResults: pageSize, credential: credential)
            }
        case .dm:
            return try await pollDMs(key: key, budget: budget, credential: credential)
        }
    }

    private func pollPosts(
        key: String, source: XPollSource, budget: @Sendable () async throws -> Bool,
        fetch: (String?, String?) async throws(XAPIError) -> XPage
    ) async throws -> Report {
        let checkpoints = XCheckpointQueries(database: database)
        var cursor = try await checkpoints.load(handleKey: key, resource: source.rawValue) ?? XCheckpoint()
        var report = Report()
        repeat {
            if try await budget() {
                report.pausedByBudget = true
                return report
            }
            let page = try await fetchCounted(key: key, primary: .postRead) {  () throws(XAPIError) in
                try await fetch(cursor.sinceID, cursor.paginationToken)
            }
            report.newlyJournaled += try await journal(page, key: JournalKey.post)
            let newest = cursor.pendingNewestID ?? page.newestID
            if let next = page.nextToken, !page.items.isEmpty {
                cursor.pendingNewestID = newest
                cursor.paginationToken = next
            } else {
                cursor.sinceID = XSnowflake.newest(newest, cursor.sinceID)
                cursor.pendingNewestID = nil
                cursor.paginationToken = nil
            }
            try await checkpoints.save(cursor, handleKey: key, resource: source.rawValue, at: clock())
            report.pages += 1
            report.items += page.items.count
            report.rateLimit = page.rateLimit
        } while cursor.paginationToken != nil && !(report.rateLimit?.isExhausted ?? false)
        return report
    }

    /// DM events have no `since_id`: page from the newest until an event already read.
    private func pollDMs(key: String, budget: @Sendable () async throws -> Bool, credential: XCredential) async throws -> Report {
        let checkpoints = XCheckpointQueries(database: database)
        var cursor = try await checkpoints.load(handleKey: key, resource: XPollSource.dm.rawValue) ?? XCheckpoint()
        var report = Report()
        repeat {
            if try await budget() {
                report.pausedByBudget = true
                return report
            }
            var page = try await fetchCounted(key: key, primary: .dmEventRead) { () throws(XAPIError) in
                try await api.dmEvents(paginationToken: cursor.paginationToken, maxResults: pageSize, credential: credential)
            }
            let total = page.items.count
            page.items = page.items.filter { XSnowflake.isNewer($0.id, than: cursor.sinceID) }
            report.newlyJournaled += try await journal(page, key: JournalKey.dm)
            let newest = cursor.pendingNewestID ?? page.items.first?.id
            if page.items.count == total, let next = page.nextToken, total > 0 {
                cursor.pendingNewestID = newest
                cursor.paginationToken = next
            } else {
                cursor.sinceID = XSnowflake.newest(newest, cursor.sinceID)
                cursor.pendingNewestID = nil
                cursor.paginationToken = nil
            }
            try await checkpoints.save(cursor, handleKey: key, resource: XPollSource.dm.rawValue, at: clock())
            report.pages += 1
            report.items += page.items.count
            report.rateLimit = page.rateLimit
        } while cursor.paginationToken != nil && !(report.rateLimit?.isExhausted ?? false)
        return report
    }

    /// Runs one request and records it in the cost meter, whatever it returned.
    private func fetchCounted(key: String, primary: XResource, _ fetch: () async throws(XAPIError) -> XPage) async throws -> XPage {
        do {
            let page = try await fetch()
            try await meter.record(handleKey: key, usage: page.usage, primary: primary)
            return page
        } catch {
            try await meter.record(handleKey: key, usage: .none, primary: primary)
            throw error
        }
    }

    private func journal(_ page: XPage, key: (String) -> String) async throws -> Int {
        let now = clock()
        return try await ingestor.receive(page.items.map {
            RawEvent(source: .xPoll, externalID: key($0.id), payload: $0.payload, receivedAt: now)
        })
    }
}
