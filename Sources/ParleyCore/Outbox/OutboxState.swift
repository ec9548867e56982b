/// The life of a reply on its way to X. Only the transitions below exist.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    case queued
    /// Leased by a sender, which may or may not have reached X yet.
    case sending
    case sent
    case failed
    /// A scheduled post's part taken back before any sender leased it (crisis mode).
    case cancelled

    public enum TransitionError: Error, Equatable, CustomStringConvertible {
        case illegal(from: OutboxState, to: OutboxState)
        public var description: String {
            switch self {
            case let .illegal(from, to): "An outbox item cannot go from \(from.rawValue) to \(to.rawValue)."
            }
        }
    }

    public func canMove(to next: OutboxState) -> Bool {
        switch (self, next) {
        case (.queued, .sending), (.sending, .sent), (.sending, .failed), (.failed, .queued), (.queued, .cancelled): true
        // A lease that expired (the sender died) is taken again by another sender.
        case (.sending, .sending): true
        default: false
        }
    }

    public func moving(to next: OutboxState) throws -> OutboxState {
        guard canMove(to: next) else { throw TransitionError.illegal(from: self, to: next) }
        return next
    }
}
