import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore
import ParleyX

/// Takes the filtered stream's lines into the journal, and after every (re)connection backfills
/// the gap with recent search from the last post it journaled: nothing lost, and the journal's
/// key (the post id) keeps what arrives twice to once.
public struct XStreamSource: XStreamSink {
    static let checkpointResource = "stream"

    let database: any Database
    let api: XAPI
    let credentials: XCredentials
    let meter: XCostMeter
    let ingestor: Ingestor
    let clock: @Sendable () -> Date
    let logger = Logger(label: "parley.x.stream")

    /// Makes X's rules match the handles: `(@handle OR terms) -from:handle`, tagged with the username.
    public func syncRules(credential: XCredential) async throws {
        let handles = try await HandleQueries(database: database).all()
        let wanted = handles.map { XStreamRule(value: XSearchQuery.streamRule(handle: $0.username, terms: $0.terms), tag: $0.username) }
        let existing = try await api.streamRules(credential: credential)
        let stale = existing.filter { rule in !wanted.contains { $0.value == rule.value && $0.tag == rule.tag } }
        let missing = wanted.filter { rule in !existing.contains { $0.value == rule.value && $0.tag == rule.tag } }
        try await api.deleteStreamRules(ids: stale.compactMap(\.id), credential: credential)
        try await api.addStreamRules(missing, credential: credential)
        logger.info("stream rules in sync", metadata: ["rules": "\(wanted.count)", "added": "\(missing.count)", "removed": "\(stale.count)"])
    }

    public func connected() async throws {
        let checkpoints = XCheckpointQueries(database: database)
        guard let last = try await checkpoints.load(handleKey: XCostMeter.appKey, resource: Self.checkpointResource)?.sinceID else {
            return  // first connection: there is no gap to fill
        }
        let credential = try await credentials.app()
        let rules = try await api.streamRules(credential: credential)
        guard !rules.isEmpty else { return }
        let query = rules.map { "(" + $0.value + ")" }.joined(separator: " OR ")
        var token: String?
        var newest = last
        var filled = 0
        repeat {
            let page: XPage
            do {
                page = try await api.searchRecent(query: query, sinceID: last, nextToken: token, credential: credential)
            } catch {
                try await meter.record(handleKey: XCostMeter.appKey, usage: .none, primary: .postRead)
                throw error
            }
            try await meter.record(handleKey: XCostMeter.appKey, usage: page.usage, primary: .postRead)
            filled += try await ingestor.receive(page.items.map {
                RawEvent(source: .xStream, externalID: JournalKey.post($0.id), payload: $0.payload, receivedAt: clock())
            })
            newest = XSnowflake.newest(page.newestID, newest) ?? newest
            token = page.nextToken
        } while token != nil
        try await checkpoints.save(XCheckpoint(sinceID: newest), handleKey: XCostMeter.appKey,
                                   resource: Self.checkpointResource, at: clock())
        logger.info("stream gap backfilled", metadata: ["posts": "\(filled)"])
    }

    public func received(_ lines: [Data]) async throws {
        let now = clock()
        var events: [RawEvent] = []
        events.reserveCapacity(lines.count)
        var newest: String?
        var usage = XUsage.none
        let decoder = JSONDecoder()
        for line in lines {
            if let head = try? decoder.decode(LineHead.self, from: line), let id = head.data?.id {
                events.append(RawEvent(source: .xStream, externalID: JournalKey.post(id), payload: line, receivedAt: now))
                newest = XSnowflake.newest(id, newest)
                usage = usage + XUsage([.postRead: 1, .userRead: head.includes?.users?.count ?? 0])
            } else {
                // X's operational messages, or a line that is not JSON: kept, and marked by the pipeline.
                events.append(ingestor.rawEvent(line, source: .xStream))
            }
        }
        // One transaction per batch: the lines, their cost, and the checkpoint move together.
        let (meter, batch, billed, newestID) = (self.meter, events, usage, newest)
        try await ingestor.receive(batch) { db in
            try await meter.record(handleKey: XCostMeter.appKey, usage: billed, primary: .postRead, on: db)
            if let newest = newestID {
                let checkpoints = XCheckpointQueries(database: db)
                let saved = try await checkpoints.load(handleKey: XCostMeter.appKey, resource: Self.checkpointResource)?.sinceID
                try await checkpoints.save(XCheckpoint(sinceID: XSnowflake.newest(newest, saved)), handleKey: XCostMeter.appKey,
                                           resource: Self.checkpointResource, at: now)
            }
        }
    }

    public func disconnected(reason: String, truncatedBytes: Int) async {
        logger.notice("filtered stream disconnected", metadata: ["reason": "\(reason)", "truncated_bytes": "\(truncatedBytes)"])
    }

    /// Just enough of a line to key it and bill it.
    private struct LineHead: Decodable {
        struct Post: Decodable { var id: String }
        struct Includes: Decodable {
            struct User: Decodable { var id: String }
            var users: [User]?
        }
        var data: Post?
        var includes: Includes?
    }
}
