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
    let hub: LiveHub?
    let logger = Logger(label: "parley.desk")

    public init(database: any Database, ingestor: Ingestor, effects: Effects, settings: DeskSettings, hub: LiveHub? = nil) {
        self.database = database
        self.ingestor = ingestor
        self.effects = effects
        self.settings = settings
        self.hub = hub
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
        report.requeued = try await AssignmentQueries(database: database)
            .requeue(idleCutoff: now.addingTimeInterval(-settings.requeueAfter), at: now, newID: effects.newID).count
        report.woken = try await wakeSnoozed(now: now)
        report.routed = try await routeNew(now: now)
        report.breached = try await measureSLA(now: now)
        for team in try await TeamQueries(database: database).all() {
            report.assigned += try await AssignmentQueries(database: database)
                .assignWaiting(teamID: team.id, limit: settings.assignBatch, at: now, newID: effects.newID).count
        }
        if report != Report() {
            logger.info("desk pass", metadata: [
                "away": "\(report.away)", "requeued": "\(report.requeued)", "woken": "\(report.woken)", "routed": "\(report.routed)", "assigned": "\(report.assigned)", "breached": "\(report.breached)",
            ])
        }
        return report
    }

    /// New cases meet the routing rules, in order; the first that matches acts. A case no rule
    /// matches goes to the only team when there is exactly one, else to nobody's queue.
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
        for (id, subject) in cases {
            let rule = RoutingEngine.firstMatch(rules, for: subject)
            let actions = rule?.actions ?? RoutingActions()
            let team = actions.team ?? (rule == nil && teams.count == 1 ? teams[0].id : nil)
            var tags = (actions.tags ?? []).compactMap(TagQueries.normalize)
            if actions.resolveAsSpam == true { tags.append("spam") }
            if !tags.isEmpty { try await TagQueries(database: database).add(tags, to: id) }
            if let priority = actions.priority { try await DeskFieldsQueries(database: database).setPriorityOverride(id, priority) }
            try await routing.markRouted(id, team: team, skills: (actions.skills ?? []).compactMap(TagQueries.normalize), at: now)
            if let agent = actions.assign {
                try await AssignmentQueries(database: database)
                    .assign(id, to: agent, by: nil, action: "assigned", at: now, newID: effects.newID())
            }
            if actions.resolveAsSpam == true {
                try await ingestor.record(DeskAction(kind: .resolve, conversationID: id, userID: nil, at: now))
            }
            if let rule {
                try await AuditQueries(database: database).record([AuditEvent(
                    id: effects.newID(), conversationID: id, actorID: nil, action: "routed", detail: "rule: \(rule.name)", createdAt: now)])
            }
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
            try await queries.record(item.id, standing, wasBreached: wasBreached, at: now)
            guard standing.status == .breached, !wasBreached else { continue }
            breached += 1
            try await AuditQueries(database: database).record([AuditEvent(
                id: effects.newID(), conversationID: item.id, actorID: nil, action: "sla_breached",
                detail: standing.target ?? "", createdAt: now)])
            await hub?.publish(ChangeNotice(conversationIDs: [item.id], reason: "sla_breach"))
            if settings.alertWebhookURL != nil {
                let alert = SLAAlert(conversationID: item.id, target: standing.target ?? "", dueAt: standing.earliestDue)
                try await JobQueries(database: database).enqueue(try alert.job(id: effects.newID(), at: now))
            }
        }
        return breached
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
