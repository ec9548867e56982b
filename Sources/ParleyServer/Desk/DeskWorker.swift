import FluentKit
import FluentSQL
import Foundation
import Logging
import ParleyCore
import ParleyStore

/// The desk's background pass, run by every `parley serve` (safe concurrently): idle agents go
/// away, stale assignments return to the queue, snoozed cases whose time came wake, and each
/// team's waiting cases go to its online agents with room.
public struct DeskWorker: Sendable {
    let database: any Database
    let ingestor: Ingestor
    let effects: Effects
    let settings: DeskSettings
    let logger = Logger(label: "parley.desk")

    public init(database: any Database, ingestor: Ingestor, effects: Effects, settings: DeskSettings) {
        self.database = database
        self.ingestor = ingestor
        self.effects = effects
        self.settings = settings
    }

    public struct Report: Sendable, Equatable {
        public var away = 0
        public var requeued = 0
        public var woken = 0
        public var assigned = 0
    }

    /// One pass; true when it changed anything.
    @discardableResult
    public func runOnce() async throws -> Report {
        let now = effects.now()
        var report = Report()
        report.away = try await AgentQueries(database: database).markIdleAway(before: now.addingTimeInterval(-settings.awayAfter)).count
        report.requeued = try await AssignmentQueries(database: database)
            .requeue(idleCutoff: now.addingTimeInterval(-settings.requeueAfter), at: now, newID: effects.newID).count
        report.woken = try await wakeSnoozed(now: now)
        for team in try await TeamQueries(database: database).all() {
            report.assigned += try await AssignmentQueries(database: database)
                .assignWaiting(teamID: team.id, limit: settings.assignBatch, at: now, newID: effects.newID).count
        }
        if report != Report() {
            logger.info("desk pass", metadata: [
                "away": "\(report.away)", "requeued": "\(report.requeued)", "woken": "\(report.woken)", "assigned": "\(report.assigned)",
            ])
        }
        return report
    }

    /// Snoozed cases whose time came are reopened through the journal, like an agent's reopen.
    func wakeSnoozed(now: Date) async throws -> Int {
        let due = try await ConversationQueries(database: database).snoozedDue(at: now)
        for id in due {
            try await ingestor.record(DeskAction(kind: .reopen, conversationID: id, userID: nil, at: now))
        }
        if !due.isEmpty {
            try await AuditQueries(database: database).record(due.map {
                AuditEvent(id: effects.newID(), conversationID: $0, actorID: nil, action: "woke", detail: "snooze ended", createdAt: now)
            })
        }
        return due.count
    }
}
