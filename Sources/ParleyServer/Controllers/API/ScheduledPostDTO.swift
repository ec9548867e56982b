import Foundation
import ParleyCore
import Vapor

/// A scheduled post as the API shows it. `local_time` is the due time on the author's clock
/// (`time_zone`); `paused` says crisis mode will hold it when it comes due.
struct ScheduledPostDTO: Content, Equatable {
    struct HandleRef: Content, Equatable {
        var id: UUID
        var username: String
    }

    struct Hold: Content, Equatable {
        /// `crisis` (waits for review) or `posting_limit` (goes by itself at `until`).
        var kind: String
        var reason: String
        var until: Date?
    }

    var id: UUID
    var handle: HandleRef
    var text: String
    var parts: [String]
    var dueAt: Date
    var timeZone: String
    var localTime: String
    var state: String
    var authorID: UUID?
    var approvedBy: UUID?
    var rejectionNote: String?
    var hold: Hold?
    var error: String?
    var xIDs: [String]
    var paused: Bool
    var version: Int
    var createdAt: Date
    var updatedAt: Date
    var sentAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, handle, text, parts, state, hold, error, paused, version
        case dueAt = "due_at"
        case timeZone = "time_zone"
        case localTime = "local_time"
        case authorID = "author_id"
        case approvedBy = "approved_by"
        case rejectionNote = "rejection_note"
        case xIDs = "x_ids"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case sentAt = "sent_at"
    }

    init(_ post: ScheduledPost, handle: Handle?, crisis: CrisisMode?) {
        id = post.id
        self.handle = HandleRef(id: post.handleID, username: handle?.username ?? "")
        text = post.text
        parts = post.parts
        dueAt = post.dueAt
        timeZone = post.timeZone
        localTime = ScheduledPostRules.local(post.dueAt, in: TimeZone(identifier: post.timeZone) ?? .gmt)
        state = post.state.rawValue
        authorID = post.authorID
        approvedBy = post.approvedBy
        rejectionNote = post.rejectionNote
        hold = post.hold.map { hold in
            switch hold {
            case .crisis: Hold(kind: "crisis", reason: hold.words, until: nil)
            case .postingLimit(let exceeded): Hold(kind: "posting_limit", reason: hold.words, until: exceeded.until)
            }
        }
        error = post.error
        xIDs = post.sentXIDs
        paused = (crisis?.pauses(post.handleID) ?? false) && [.scheduled, .awaitingApproval, .sending].contains(post.state)
        version = post.version
        createdAt = post.createdAt
        updatedAt = post.updatedAt
        sentAt = post.sentAt
    }
}

struct ScheduledPostListDTO: Content {
    var data: [ScheduledPostDTO]
}

/// The body of a create (`handle` and `text` required) or an update (every field optional).
/// A time is `due_at` (an ISO 8601 instant) or `local_time` (`2026-12-07T09:30`) in `time_zone`.
struct ScheduledPostInputDTO: Decodable {
    var handle: String?
    var text: String?
    var dueAt: Date?
    var localTime: String?
    var timeZone: String?
    var submit: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case handle, text, submit
        case dueAt = "due_at"
        case localTime = "local_time"
        case timeZone = "time_zone"
    }

    var when: ScheduledPostActions.When? {
        get throws {
            switch (dueAt, localTime) {
            case (nil, nil): return nil
            case (let due?, nil): return .instant(due)
            case (nil, let local?): return .local(local)
            case (.some, .some): throw HTTPError(.badRequest, "bad_request", "Give either 'due_at' or 'local_time', not both.")
            }
        }
    }
}

struct RejectInputDTO: Decodable {
    var note: String

    enum CodingKeys: String, CodingKey, CaseIterable { case note }
}

/// Crisis mode as the API shows it.
struct CrisisDTO: Content, Equatable {
    var id: UUID
    var reason: String
    var handles: [ScheduledPostDTO.HandleRef]
    var startedBy: UUID?
    var startedAt: Date
    var endedBy: UUID?
    var endedAt: Date?
    var active: Bool

    enum CodingKeys: String, CodingKey {
        case id, reason, handles, active
        case startedBy = "started_by"
        case startedAt = "started_at"
        case endedBy = "ended_by"
        case endedAt = "ended_at"
    }

    init(_ crisis: CrisisMode, handles: [Handle]) {
        id = crisis.id
        reason = crisis.reason
        self.handles = handles.filter { crisis.handleIDs.contains($0.id) }.map { .init(id: $0.id, username: $0.username) }
        startedBy = crisis.startedBy
        startedAt = crisis.startedAt
        endedBy = crisis.endedBy
        endedAt = crisis.endedAt
        active = crisis.isActive
    }
}

struct CrisisStateDTO: Content {
    var active: CrisisDTO?
    var history: [CrisisDTO]
}

struct CrisisInputDTO: Decodable {
    var reason: String
    /// Ids or usernames; absent: every marketing handle.
    var handles: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case reason, handles }
}
