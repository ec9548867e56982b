/// The life cycle of a case: open → pending (waiting on the customer) → snoozed (until a time or
/// the customer's next message) → resolved. Transitions are checked here so no caller invents one.
public enum ConversationState: String, Sendable, Codable, CaseIterable {
    case open
    case pending
    case snoozed
    case resolved

    public enum TransitionError: Error, Equatable, CustomStringConvertible {
        case alreadyInState(ConversationState)
        case notAllowed(from: ConversationState, to: ConversationState)
        public var description: String {
            switch self {
            case .alreadyInState(let s): "The conversation is already \(s.rawValue)."
            case let .notAllowed(from, to): "A \(from.rawValue) conversation cannot become \(to.rawValue)."
            }
        }
    }

    /// Not resolved: the case is still the team's, and a customer's message joins it.
    public var isActive: Bool { self != .resolved }

    /// The state after an agent moves the case to `target`.
    public func moving(to target: ConversationState) throws(TransitionError) -> ConversationState {
        guard self != target else { throw .alreadyInState(target) }
        switch (self, target) {
        case (.resolved, .pending), (.resolved, .snoozed):
            // A resolved case is reopened first; waiting on nobody is not a state.
            throw .notAllowed(from: self, to: target)
        default:
            return target
        }
    }

    /// The state after an agent resolves the case.
    public func resolving() throws(TransitionError) -> ConversationState { try moving(to: .resolved) }

    /// The state after an agent reopens the case.
    public func reopening() throws(TransitionError) -> ConversationState { try moving(to: .open) }

    /// A customer writing again opens a pending, snoozed or resolved case (a resolved one only
    /// within the reopen window; the planner decides that); the brand's own messages never do.
    public func afterMessage(fromCustomer: Bool) -> ConversationState {
        fromCustomer ? .open : self
    }
}
