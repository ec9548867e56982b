import Foundation

/// A post the brand plans to publish from one of its handles at a set time.
public struct ScheduledPost: Sendable, Equatable, Codable {
    public var id: UUID
    public var handleID: UUID
    /// What the author wrote; `parts` is how it goes out (one post, or a thread).
    public var text: String
    public var parts: [String]
    public var dueAt: Date
    /// The author's zone (an IANA name): the time they chose, and how the calendar shows it to them.
    public var timeZone: String
    public var state: ScheduledPostState
    public var authorID: UUID?
    public var approvedBy: UUID?
    /// A reviewer's reason for sending it back to draft.
    public var rejectionNote: String?
    public var hold: HoldReason?
    /// X's refusal, as the author should read it (`duplicate_content: …`).
    public var error: String?
    /// The ids X gave each part sent so far, in order; a thread resumes after the last.
    public var sentXIDs: [String]
    /// Grows with every change, so a publisher acting on an old read changes nothing.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?

    public init(
        id: UUID, handleID: UUID, text: String, parts: [String], dueAt: Date, timeZone: String, state: ScheduledPostState,
        authorID: UUID?, approvedBy: UUID? = nil, rejectionNote: String? = nil, hold: HoldReason? = nil, error: String? = nil,
        sentXIDs: [String] = [], version: Int = 1, createdAt: Date, updatedAt: Date, sentAt: Date? = nil
    ) {
        self.id = id
        self.handleID = handleID
        self.text = text
        self.parts = parts
        self.dueAt = dueAt
        self.timeZone = timeZone
        self.state = state
        self.authorID = authorID
        self.approvedBy = approvedBy
        self.rejectionNote = rejectionNote
        self.hold = hold
        self.error = error
        self.sentXIDs = sentXIDs
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sentAt = sentAt
    }

    /// Applies `move`, or says why it may not happen.
    public mutating func apply(_ move: ScheduledPostState.Move, at now: Date) throws(ScheduledPostError) {
        guard let next = state.after(move) else { throw .notAllowed(move: move, state: state) }
        state = next
        version += 1
        updatedAt = now
    }

    /// The part that goes out next, and the post it answers (nil for the first).
    public var nextPart: (index: Int, text: String, inReplyTo: String?)? {
        guard sentXIDs.count < parts.count else { return nil }
        return (sentXIDs.count, parts[sentXIDs.count], sentXIDs.last)
    }
}
