import Foundation

/// Why a scheduled post cannot be made or changed as asked.
public enum ScheduledPostError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyText
    case tooLong(characters: Int, limit: Int)
    case cannotSplit(String)
    case unknownTimeZone(String)
    case badLocalTime(String)
    case inThePast(due: Date, now: Date)
    case duplicate(of: UUID)
    case notAllowed(move: ScheduledPostState.Move, state: ScheduledPostState)
    case rejectionNeedsNote
    case notFound(UUID)

    public var description: String {
        switch self {
        case .emptyText: "The post has no text."
        case let .tooLong(characters, limit): "The post is \(characters) characters long; a scheduled thread holds at most \(limit)."
        case .cannotSplit(let reason): "The post cannot be split into a thread X accepts: \(reason)"
        case .unknownTimeZone(let zone): "\"\(zone.prefix(60))\" is not a time zone (use a name like Europe/Berlin)."
        case .badLocalTime(let text): "\"\(text.prefix(40))\" is not a time like 2026-12-07T09:30."
        case let .inThePast(due, now):
            "The time \(ScheduledPostRules.iso(due)) has passed (it is \(ScheduledPostRules.iso(now))); choose a time at least a minute ahead."
        case .duplicate(let other): "The handle already has a post with this text (\(other)); X refuses duplicate posts."
        case let .notAllowed(move, state): "A post that is \(state.words) cannot be \(Self.verb(move))."
        case .rejectionNeedsNote: "Say why the post is sent back: a rejection needs a note."
        case .notFound(let id): "No scheduled post \(id)."
        }
    }

    static func verb(_ move: ScheduledPostState.Move) -> String {
        switch move {
        case .edit: "edited"
        case .submit: "submitted for approval"
        case .approve: "approved"
        case .reject: "rejected"
        case .delete: "deleted"
        case .send: "sent"
        case .hold: "held"
        case .finish: "marked sent"
        case .fail: "marked failed"
        case .review: "sent to review"
        }
    }
}
