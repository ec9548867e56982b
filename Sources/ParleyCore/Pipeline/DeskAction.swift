import Foundation

/// Something an agent did to a conversation. Desk actions are journaled like X events, so that
/// rebuilding from the journal gives back the same states.
public struct DeskAction: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case resolve
        /// Back to open: an agent's reopen, or a snoozed case waking (no user).
        case reopen
        /// Waiting on the customer.
        case pending
        /// Out of the queue until `until` or the customer's next message.
        case snooze
    }

    public var kind: Kind
    public var conversationID: UUID
    public var userID: UUID?
    public var at: Date
    /// For `snooze`: when the case wakes.
    public var until: Date?

    public init(kind: Kind, conversationID: UUID, userID: UUID?, at: Date, until: Date? = nil) {
        self.kind = kind
        self.conversationID = conversationID
        self.userID = userID
        self.at = at
        self.until = until
    }
}

extension DeskAction.Kind {
    /// The state the action puts a case in.
    public var targetState: ConversationState {
        switch self {
        case .resolve: .resolved
        case .reopen: .open
        case .pending: .pending
        case .snooze: .snoozed
        }
    }

    /// The action that puts a case in `state`.
    public init(moving state: ConversationState) {
        switch state {
        case .open: self = .reopen
        case .pending: self = .pending
        case .snoozed: self = .snooze
        case .resolved: self = .resolve
        }
    }
}
