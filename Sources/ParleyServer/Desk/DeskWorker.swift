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
    let context: ActionContext
    let settings: DeskSettings
    let logger = Logger(label: "parley.desk")

    var database: any Database { context.database }
    var effects: Effects { context.effects }

    init(context: ActionContext, settings: DeskSettings) {
        self.context = context
        self.settings = settings
    }

    public struct Report: Sendable, Equatable {
        public var away = 0
        public var requeued = 0
        public var woken = 0
        public var routed = 0
        public var assigned = 0
        public var breached = 0
    }

    /// One pass; true when it changed anything.
    @discardableResult
    public func runOnce() async throws -> Report {
        let now = effects.now()
        var report = Report()
        report.away = try await AgentQueries(database: database).markIdleAway(before: now.addingTimeInterval(-settings.awayAfter)).count
        let requeued = try await AssignmentQueries(database: database)
            .requeue(idleCutoff: now.addingTimeInterval(-settings.requeueAfter), at: now, newID: effects.newID)
        report.requeued = requeued.count
        await publish(requeued, "requeued")
        report.woken = try await wakeSnoozed(now: now)
        report.routed = try await routeNew(now: now)
        for id in try await TrollQueries(database: database).openCasesOfBlockedAuthors() {
            try await TrollActions(context: context).ignore(id, by: nil)
        }
        report.breached = try await measureSLA(now: now)
        for team in try await TeamQueries(database: database).all() {
            let assigned = try await AssignmentQueries(database: database)
                .assignWaiting(teamID: team.id, limit: settings.assignBatch, at: now, newID: effects.newID)
            report.assigned += assigned.count
            await publish(assigned.map(\.conversationID), "assigned")
        }
        if report != Report() {
            logger.info("desk pass", metadata: [
                "away": "\(report.away)", "requeued": "\(report.requeued)", "woken": "\(report.woken)", "routed": "\(report.routed)", "assigned": "\(report.assigned)", "breached": "\(report.breached)",
            ])
        }
        return report
    }

    /// New cases meet the routing rules (`RouteCaseAction`), one transaction each.
    func routeNew(now: Date) async throws -> Int {
        let routing = RoutingQueries(database: database)
        let cases = try await routing.unrouted(limit: 500)
        guard !cases.isEmpty else { return 0 }
        let (stored, unreadable) = try await routing.rules()
        if !unreadable.isEmpty {
            logger.error("routing rules that no longer read are skipped", metadata: ["rules": "\(unreadable.map(\.uuidString))"])
        }
        let rules = stored.map(\.rule)
        let teams = try await TeamQueries(database: database).all()
        let route = RouteCaseAction(context: context)
        for (id, subject) in cases {
            try await route.run(id, subject: subject, rules: rules, teams: teams)
        }
        return cases.count
    }

    /// Measures cases against their SLA policies. A case that newly breaches is flagged in its audit
    /// trail, its priority raised (`PriorityAdjustment.breachRaise`), and supervisors told (in the app, and at the alert webhook
    /// through a job, so a receiver that is down gets it later, once).
    func measureSLA(now: Date) async throws -> Int {
        let queries = SLAQueries(database: database)
        let policies = try await queries.policies()
        guard !policies.isEmpty else { return 0 }
        var breached = 0
        for item in try await queries.due(evaluatedBefore: now.addingTimeInterval(-settings.slaRefresh), limit: 2_000) {
            let standing = StoredSLAPolicy.choose(policies, handleID: item.handleID, priority: item.priority)
                .map { SLAClock.standing(item.facts, policy: $0.policy, now: now) } ?? SLAStanding(status: .none)
            let wasBreached = item.status == SLAStanding.Status.breached.rawValue
            let breaches = standing.status == .breached && !wasBreached
            let (auditID, jobID) = (effects.newID(), effects.newID())
            let alerting = settings.alertWebhookURL != nil
            // The standing, the breach's audit row and its alert job commit together: a leader
            // killed between them would leave a breach recorded that nobody is ever alerted to.
            try await database.transaction { db in
                try await SLAQueries(database: db).record(item.id, standing, wasBreached: wasBreached, at: now)
                guard breaches else { return }
                try await AuditQueries(database: db).record([AuditEvent(
                    id: auditID, conversationID: item.id, actorID: nil, action: .slaBreached,
                    detail: standing.target ?? "", createdAt: now)])
                if alerting {
                    let alert = SLAAlert(conversationID: item.id, target: standing.target ?? "", dueAt: standing.earliestDue)
                    try await JobQueries(database: db).enqueue(try alert.job(id: jobID, at: now))
                }
            }
            guard breaches else { continue }
            breached += 1
            await publish([item.id], "sla_breach")
        }
        return breached
    }

    /// Snoozed cases whose time came are reopened through the journal, like an agent's reopen.
    func wakeSnoozed(now: Date) async throws -> Int {
        let due = try await ConversationQueries(database: database).snoozedDue(at: now)
        let change = ChangeStateAction(context: context)
        var woken = 0
        for id in due {
            do {
                try await context.commit { tx in
                    try await change.apply(id, to: .reopen, by: nil, audited: (.woke, "snooze ended"), in: tx)
                }
                woken += 1
            } catch is ConversationState.TransitionError {
                // Changed by hand since it was read.
            }
        }
        return woken
    }

    private func publish(_ ids: [UUID], _ reason: String) async {
        guard !ids.isEmpty else { return }
        await context.services.hub.publish(ChangeNotice(conversationIDs: ids, reason: reason))
    }
}
