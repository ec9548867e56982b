/// The life cycle of a case. Transitions are checked here so no caller invents a new one.
public enum ConversationState: String, Sendable, Codable, CaseIterable {
    case open
    case resolved

    public enum TransitionError: Error, Equatable, CustomStringConvertible {
        case alreadyInState(ConversationState)
        public var description: String {
            switch self {
            case .alreadyInState(let s): "The conversation is already \(s.rawValue)."
            }
        }
    }

    /// The state after an agent resolves the case.
    public func resolving() throws -> ConversationState {
        guard self != .resolved else { throw TransitionError.alreadyInState(.resolved) }
        return .resolved
    }

    /// The state after an agent reopens the case.
    public func reopening() throws -> ConversationState {
        guard self != .open else { throw TransitionError.alreadyInState(.open) }
        return .open
    }

    /// A customer writing again reopens a resolved case; the brand's own messages never do.
    public func afterMessage(fromCustomer: Bool) -> ConversationState {
        fromCustomer ? .open : self
    }
}
