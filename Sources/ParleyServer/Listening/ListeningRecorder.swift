import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// Counts each new customer message into its volume series and groups problem reports into
/// emerging issues, inside the ingest transaction that stores the message: counted once, and
/// again from scratch when the journal is rebuilt.
enum ListeningRecorder {
    static func record(_ messages: [Message], brand: BrandDirectory, on database: any Database, newID: () -> UUID) async throws {
        let inbound = messages.filter { !$0.kind.isOwn }.sorted { ($0.createdAt, $0.xID) < ($1.createdAt, $1.xID) }
        guard let earliest = inbound.first?.createdAt else { return }
        var increments: [VolumeSeriesKey: [Date: Int]] = [:]
        func add(_ key: VolumeSeriesKey, _ at: Date) { increments[key, default: [:]][VolumeSeriesKey.bucketStart(at), default: 0] += 1 }

        let clusterer = IssueClusterer(brand: brand)
        let queries = ListeningQueries(database: database)
        var board = IssueBoard(try await queries.activeIssues(since: earliest.addingTimeInterval(-clusterer.activeFor)))
        var touched = Set<UUID>()
        var members: [(issue: UUID, message: UUID, at: Date)] = []
        for message in inbound {
            for key in VolumeSeriesKey.keys(for: message, brand: brand) { add(key, message.createdAt) }
            guard IssueClusterer.reportsAProblem(message) else { continue }
            let words = clusterer.words(of: message.subject.map { $0 + "\n" + message.text } ?? message.text)
            guard let issue = clusterer.assign(words, handleID: message.handleID, at: message.createdAt, board: &board, newID: newID) else { continue }
            touched.insert(issue)
            members.append((issue, message.id, message.createdAt))
            add(VolumeSeriesKey(.issue, issue.uuidString), message.createdAt)
        }
        try await queries.count(increments)
        try await queries.save(board.issues.filter { touched.contains($0.id) }, members: members)
    }
}
