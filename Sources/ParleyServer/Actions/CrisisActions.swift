import Foundation
import ParleyCore
import ParleyStore

/// The crisis switch (supervisors and admins). On: every scheduled post of the chosen handles
/// (default: the marketing handles) is paused, including a thread half sent; the escalation list
/// hears of it. Off: the posts it held wait for a person's review, none goes out by itself.
struct CrisisActions: Sendable {
    let context: ActionContext

    func start(reason raw: String, handleIDs: [UUID]?, incidentID: UUID? = nil, by actor: DeskUser) async throws -> CrisisMode {
        try Self.requireSupervisor(actor)
        let reason = try CrisisMode.reason(raw)
        return try await context.commit { tx in
            let crises = CrisisQueries(database: tx.database)
            try await crises.lockForSwitch()
            if let active = try await crises.active() { throw CrisisMode.Problem.alreadyOn(since: active.startedAt) }
            let handles = try await HandleQueries(database: tx.database).all()
            let chosen = handleIDs ?? CrisisMode.defaultHandles(handles)
            guard !chosen.isEmpty else { throw CrisisMode.Problem.noHandles }
            for id in chosen where !handles.contains(where: { $0.id == id }) { throw DeskError.notFound("handle") }
            let crisis = CrisisMode(
                id: tx.effects.newID(), reason: reason, handleIDs: chosen, startedBy: actor.id, startedAt: tx.now, incidentID: incidentID)
            try await crises.start(crisis)
            // A thread half sent stops where it is; its queued part is taken back.
            let posts = ScheduledPostQueries(database: tx.database)
            for var post in try await posts.inStates([.sending], handleIDs: chosen) {
                try post.apply(.hold, at: tx.now)
                post.hold = .crisis(reason: reason)
                try await posts.update(post)
            }
            try await OutboxQueries(database: tx.database).cancelQueued(
                scheduledPostIDs: try await posts.inStates([.held], handleIDs: chosen).map(\.id), at: tx.now)
            try await JobQueries(database: tx.database).enqueue(Job(
                id: tx.effects.newID(), kind: .crisisNotice, payload: try CrisisNotice(crisis: crisis, handles: handles, started: true).json(),
                dueAt: tx.now, idempotencyKey: "crisis:\(crisis.id):on", createdAt: tx.now))
            let paused = handles.filter { chosen.contains($0.id) }.map { "@" + $0.username }.joined(separator: ", ")
            var context = ""
            if let incidentID, let incident = try await IncidentQueries(database: tx.database).find(incidentID) {
                context = "\nIncident: \(incident.title) (\(incident.severity.rawValue))"
                if let alertID = incident.alertID, let alert = try await ListeningQueries(database: tx.database).alert(alertID) {
                    context += "\nAlert: \(alert.headline)"
                }
                try await IncidentQueries(database: tx.database).record(IncidentEvent(
                    id: tx.effects.newID(), incidentID: incidentID, at: tx.now, actorID: actor.id,
                    text: "\(actor.name) switched crisis mode on: scheduled posts of \(paused) are paused."))
            }
            try await Escalation.enqueue(
                subject: "Crisis mode is on: \(reason)",
                body: "\(actor.name) switched crisis mode on at \(tx.now.formatted(.iso8601)).\n\nReason: \(reason)\(context)\nScheduled posts paused for: \(paused)\n\nNothing scheduled for these handles goes out until it is switched off; what comes due meanwhile waits for review.",
                key: "crisis:\(crisis.id):on", in: tx)
            return Change(crisis, notices: [ChangeNotice(conversationIDs: [], reason: "crisis")])
        }
    }

    func end(by actor: DeskUser) async throws -> CrisisMode {
        try Self.requireSupervisor(actor)
        return try await context.commit { tx in
            let crises = CrisisQueries(database: tx.database)
            try await crises.lockForSwitch()
            guard var crisis = try await crises.active() else { throw CrisisMode.Problem.notOn }
            try await crises.end(crisis.id, by: actor.id, at: tx.now)
            crisis.endedAt = tx.now
            crisis.endedBy = actor.id
            let posts = ScheduledPostQueries(database: tx.database)
            for var post in try await posts.inStates([.held]) {
                guard case .crisis = post.hold else { continue }
                try post.apply(.review, at: tx.now)
                post.approvedBy = nil
                try await posts.update(post)
            }
            let handles = try await HandleQueries(database: tx.database).all()
            try await JobQueries(database: tx.database).enqueue(Job(
                id: tx.effects.newID(), kind: .crisisNotice, payload: try CrisisNotice(crisis: crisis, handles: handles, started: false).json(),
                dueAt: tx.now, idempotencyKey: "crisis:\(crisis.id):off", createdAt: tx.now))
            try await Escalation.enqueue(
                subject: "Crisis mode is off: \(crisis.reason)",
                body: "\(actor.name) switched crisis mode off at \(tx.now.formatted(.iso8601)) (on since \(crisis.startedAt.formatted(.iso8601))).\n\nReason it was on: \(crisis.reason)\nPosts it held are waiting for review on the calendar; none went out.",
                key: "crisis:\(crisis.id):off", in: tx)
            return Change(crisis, notices: [ChangeNotice(conversationIDs: [], reason: "crisis")])
        }
    }

    static func requireSupervisor(_ actor: DeskUser) throws {
        guard actor.role.includes(.supervisor) else {
            throw DeskError.forbidden("Only a supervisor or an admin switches crisis mode.")
        }
    }
}
