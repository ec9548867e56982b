import Foundation
import ParleyCore

/// What the escalation list hears when crisis mode goes on or off: the reason, who, since when,
/// and which handles are paused. Sent to the alert webhook as a job (once per switch).
struct CrisisNotice: Codable, Sendable, Equatable {
    var event: String
    var crisisID: UUID
    var reason: String
    var startedAt: Date
    var endedAt: Date?
    var pausedHandles: [String]
    var incidentID: UUID?

    enum CodingKeys: String, CodingKey {
        case event
        case crisisID = "crisis_id"
        case reason
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case pausedHandles = "paused_handles"
        case incidentID = "incident_id"
    }

    init(crisis: CrisisMode, handles: [Handle], started: Bool) {
        event = started ? "crisis_on" : "crisis_off"
        crisisID = crisis.id
        reason = crisis.reason
        startedAt = crisis.startedAt
        endedAt = crisis.endedAt
        pausedHandles = handles.filter { crisis.handleIDs.contains($0.id) }.map { "@\($0.username)" }
        incidentID = crisis.incidentID
    }

    func json() throws -> String {
        String(decoding: try SLAAlert.encoder.encode(self), as: UTF8.self)
    }
}
