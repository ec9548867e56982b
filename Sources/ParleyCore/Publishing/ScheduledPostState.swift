/// The life of a scheduled post. Only the moves `ScheduledPostState.after(_:)` allows exist.
///
/// draft → awaiting approval → scheduled → sending → sent | failed, and held: by a crisis (the
/// post then waits for a person to review it) or by a posting limit (it goes out by itself when
/// the limit's window allows).
public enum ScheduledPostState: String, Sendable, Codable, CaseIterable {
    case draft
    case awaitingApproval = "awaiting_approval"
    case scheduled
    case sending
    case sent
    case failed
    case held

    /// What a person or the publisher does to a post.
    public enum Move: String, Sendable, CaseIterable {
        case edit, submit, approve, reject, delete
        /// The publisher takes a due post (or a held post whose limit window has opened).
        case send
        case hold
        case finish
        case fail
        /// A crisis ended: what it held waits for a person.
        case review
    }

    /// Where `move` takes a post in this state, or nil when it may not happen. `delete` maps to
    /// the state the post had; the caller removes it.
    public func after(_ move: Move) -> ScheduledPostState? {
        switch (self, move) {
        case (.draft, .edit): .draft
        case (.awaitingApproval, .edit), (.scheduled, .edit), (.held, .edit), (.failed, .edit): .awaitingApproval
        case (.draft, .submit): .awaitingApproval
        case (.awaitingApproval, .approve), (.held, .approve): .scheduled
        case (.awaitingApproval, .reject), (.held, .reject): .draft
        case (.draft, .delete), (.awaitingApproval, .delete), (.scheduled, .delete), (.held, .delete), (.failed, .delete): self
        case (.scheduled, .send), (.held, .send): .sending
        case (.scheduled, .hold), (.sending, .hold), (.held, .hold): .held
        // A thread's last part was already at X when a crisis held the rest.
        case (.sending, .finish), (.held, .finish): .sent
        case (.sending, .fail): .failed
        case (.held, .review): .awaitingApproval
        default: nil
        }
    }

    /// Words for the calendar and errors.
    public var words: String {
        switch self {
        case .draft: "draft"
        case .awaitingApproval: "awaiting approval"
        case .scheduled: "scheduled"
        case .sending: "sending"
        case .sent: "sent"
        case .failed: "failed"
        case .held: "held"
        }
    }
}
