import Foundation
import ParleyCore
import ParleyStore

/// Incidents: open one (from a spike alert, with its emerging issue's cases, or by hand), link
/// cases or a whole issue, set severity, owner and the holding statement, send the statement to
/// the linked cases as one confirmed bulk action (each reply personalised, queued through the
/// outbox and its posting limits, audited on its case), and resolve.
struct IncidentActions: Sendable {
    let context: ActionContext

    func open(title raw: String, severity: Incident.Severity, ownerID: UUID?, alertID: UUID?, by actor: DeskUser) async throws -> Incident {
        let title = try Incident.title(raw)
        if severity == .crisis { try Self.requireSupervisor(actor, "declare a crisis") }
        return try await context.commit { tx in
            var alert: SpikeAlert?
            if let alertID {
                guard let found = try await ListeningQueries(database: tx.database).alert(alertID) else { throw DeskError.notFound("alert") }
                alert = found
            }
            let incident = Incident(
                id: tx.effects.newID(), title: title, severity: severity, ownerID: ownerID ?? actor.id, alertID: alertID,
                issueID: alert?.issueID, createdBy: actor.id, createdAt: tx.now)
            let incidents = IncidentQueries(database: tx.database)
            try await incidents.create(incident)
            try await note(incident.id, by: actor, "\(actor.name) opened it as a \(severity.rawValue)\(alert.map { " from the alert “\($0.headline)”" } ?? "").", tx)
            if let issue = alert?.issueID {
                try await linkCases(incident, try await ListeningQueries(database: tx.database).conversations(of: issue), by: actor, tx, why: "the emerging issue's")
            }
            return Change(incident, notices: [ChangeNotice(conversationIDs: [], reason: "incident")])
        }
    }

    func link(_ id: UUID, conversations: [UUID], issueID: UUID?, by actor: DeskUser) async throws -> Int {
        try await context.commit { tx in
            let incident = try await Self.open(id, tx)
            var ids = conversations
            if let issueID { ids += try await ListeningQueries(database: tx.database).conversations(of: issueID) }
            for id in ids where try await tx.conversations.find(id) == nil { throw DeskError.notFound("conversation") }
            return Change(try await linkCases(incident, ids, by: actor, tx, why: issueID == nil ? "" : "the emerging issue's"))
        }
    }

    func update(_ id: UUID, severity: Incident.Severity?, ownerID: UUID??, statement: String??, by actor: DeskUser) async throws -> Incident {
        if severity == .crisis { try Self.requireSupervisor(actor, "declare a crisis") }
        return try await context.commit { tx in
            var incident = try await Self.open(id, tx)
            var changes: [String] = []
            if let severity, severity != incident.severity {
                incident.severity = severity
                changes.append("made it a \(severity.rawValue)")
            }
            if let ownerID {
                if let owner = ownerID, try await AgentQueries(database: tx.database).profile(owner) == nil { throw DeskError.notFound("agent") }
                incident.ownerID = ownerID
                changes.append(ownerID == nil ? "left it without an owner" : "gave it an owner")
            }
            if let statement {
                let text = statement?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if !text.isEmpty {
                    _ = try TemplateBody(parsing: text)
                    guard text.count <= 2_000 else { throw DeskError.invalid(code: "too_long", "A holding statement is at most 2,000 characters.") }
                }
                incident.holdingStatement = text.isEmpty ? nil : text
                changes.append(text.isEmpty ? "cleared the holding statement" : "set the holding statement")
            }
            try await IncidentQueries(database: tx.database).update(incident)
            if !changes.isEmpty { try await note(id, by: actor, "\(actor.name) \(changes.joined(separator: ", ")).", tx) }
            return Change(incident, notices: [ChangeNotice(conversationIDs: [], reason: "incident")])
        }
    }

    struct SendReport: Sendable, Equatable {
        var queued: Int
        /// Cases it could not reply to, with why (another agent is replying, a value is missing).
        var skipped: [String]
    }

    /// Replies with the holding statement, personalised, to every linked open case not sent it yet.
    func sendStatement(_ id: UUID, confirmed: Bool, by actor: DeskUser) async throws -> SendReport {
        let (incident, pending) = try await context.commit { tx in
            let incident = try await Self.open(id, tx)
            guard incident.holdingStatement != nil else { throw IncidentError.noStatement }
            let cases = try await IncidentQueries(database: tx.database).cases(id).filter { $0.statementSentAt == nil }
            return Change((incident, cases.map(\.conversationID)))
        }
        guard confirmed else { throw IncidentError.notConfirmed(cases: pending.count) }
        let body = try TemplateBody(parsing: incident.holdingStatement ?? "")
        var report = SendReport(queued: 0, skipped: [])
        for conversationID in pending {
            do {
                try await context.commit { tx in
                    guard let detail = try await tx.conversations.detail(conversationID), detail.conversation.state != .resolved else {
                        return Change(())
                    }
                    guard try await IncidentQueries(database: tx.database).markStatementSent(id, conversation: conversationID, at: tx.now) else {
                        return Change(())
                    }
                    let templates = TemplateQueries(database: tx.database)
                    let availability = try await HandleAvailability.now(detail.handle, on: tx.database, at: tx.now)
                    let text = try TemplateRenderer.renderValid(body, context: TemplateContext(
                        customer: detail.customer, handle: detail.handle, agentName: actor.name,
                        helpURL: try await templates.helpURL(handleID: detail.handle.id), expectedWait: availability.text), channel: .public)
                    var change = Change(())
                    change.absorb(try await ReplyAction(context: tx).apply(
                        .init(conversationID: conversationID, text: text, channel: .public), by: actor, in: tx))
                    try await tx.audit(conversationID, by: actor.id, .incident, "holding statement of “\(incident.title)”")
                    return change
                }
                report.queued += 1
            } catch {
                guard let refusal = HTTPError.refusal(error) else { throw error }
                report.skipped.append("\(conversationID): \(refusal.message)")
            }
        }
        let summary = "\(actor.name) sent the holding statement to \(report.queued) case\(report.queued == 1 ? "" : "s")\(report.skipped.isEmpty ? "" : "; \(report.skipped.count) skipped")."
        try await context.commit { tx in
            try await note(id, by: actor, summary, tx)
            return Change((), notices: [ChangeNotice(conversationIDs: [], reason: "incident")])
        }
        return report
    }

    func resolve(_ id: UUID, by actor: DeskUser) async throws -> Incident {
        try await context.commit { tx in
            var incident = try await Self.open(id, tx)
            incident.state = .resolved
            incident.resolvedAt = tx.now
            try await IncidentQueries(database: tx.database).update(incident)
            try await note(id, by: actor, "\(actor.name) resolved it.", tx)
            return Change(incident, notices: [ChangeNotice(conversationIDs: [], reason: "incident")])
        }
    }

    private func linkCases(_ incident: Incident, _ ids: [UUID], by actor: DeskUser, _ tx: ActionContext, why: String) async throws -> Int {
        let linked = try await IncidentQueries(database: tx.database).link(incident.id, conversations: Array(Set(ids)), at: tx.now)
        for id in linked { try await tx.audit(id, by: actor.id, .incident, "linked to incident “\(incident.title)”") }
        if !linked.isEmpty {
            try await note(incident.id, by: actor, "\(actor.name) linked \(why.isEmpty ? "" : why + " ")\(linked.count) case\(linked.count == 1 ? "" : "s").", tx)
        }
        return linked.count
    }

    private func note(_ id: UUID, by actor: DeskUser?, _ text: String, _ tx: ActionContext) async throws {
        try await IncidentQueries(database: tx.database).record(IncidentEvent(id: tx.effects.newID(), incidentID: id, at: tx.now, actorID: actor?.id, text: text))
    }

    static func open(_ id: UUID, _ tx: ActionContext) async throws -> Incident {
        guard let incident = try await IncidentQueries(database: tx.database).find(id) else { throw IncidentError.notFound }
        guard incident.state == .open else { throw IncidentError.resolved }
        return incident
    }

    static func requireSupervisor(_ actor: DeskUser, _ what: String) throws {
        guard actor.role.includes(.supervisor) else { throw DeskError.forbidden("Only a supervisor or an admin may \(what).") }
    }
}
