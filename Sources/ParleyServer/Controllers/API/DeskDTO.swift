import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The team side of a case: assignment, team, tags, notes, audit trail.
struct DeskDTO: Content, Equatable {
    struct Assignee: Content, Equatable {
        var id: UUID
        var name: String
    }

    struct Note: Content, Equatable {
        var id: UUID
        var author: String
        var body: String
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, author, body
            case createdAt = "created_at"
        }
    }

    struct Audit: Content, Equatable {
        var action: String
        var detail: String
        var actorID: UUID?
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case action, detail
            case actorID = "actor_id"
            case createdAt = "created_at"
        }
    }

    var assignee: Assignee?
    var teamID: UUID?
    var tags: [String]
    var priorityOverride: Int?
    var snoozedUntil: Date?
    var previousConversationID: UUID?
    var notes: [Note]?
    var audit: [Audit]?
    /// Who is on the case right now.
    var viewers: [String]?

    enum CodingKeys: String, CodingKey {
        case assignee, tags, notes, audit, viewers
        case teamID = "team_id"
        case priorityOverride = "priority_override"
        case snoozedUntil = "snoozed_until"
        case previousConversationID = "previous_conversation_id"
    }

    init(_ f: DeskFields?, tags: [String], notes: [InternalNote]? = nil, audit: [AuditEvent]? = nil) {
        assignee = f.flatMap { f in f.assigneeID.map { Assignee(id: $0, name: f.assigneeName ?? "") } }
        teamID = f?.teamID
        self.tags = tags
        priorityOverride = f?.priorityOverride
        snoozedUntil = f?.snoozedUntil
        previousConversationID = f?.previousConversationID
        self.notes = notes?.map { Note(id: $0.id, author: $0.authorName, body: $0.body, createdAt: $0.createdAt) }
        self.audit = audit?.map { Audit(action: $0.action.rawValue, detail: $0.detail, actorID: $0.actorID, createdAt: $0.createdAt) }
    }
}

struct AgentDTO: Content, Equatable {
    var id: UUID
    var name: String
    var email: String
    var role: String
    var status: String
    var capacity: Int
    var skills: [String]
    var open: Int
    var shifts: String?

    init(_ p: AgentProfile) {
        id = p.id
        name = p.name
        email = p.email
        role = p.role.rawValue
        status = p.status.rawValue
        capacity = p.capacity
        skills = p.skills
        open = p.open
        shifts = p.shifts
    }
}

struct TeamDTO: Content, Equatable {
    var id: UUID
    var name: String
    var members: [UUID]

    init(_ t: Team) {
        id = t.id
        name = t.name
        members = t.memberIDs
    }
}
