import Foundation

/// A saved SLA policy: for one handle (or every handle) and priorities from `minPriority` up.
public struct StoredSLAPolicy: Sendable, Equatable {
    public var id: UUID
    public var handleID: UUID?
    public var minPriority: Int
    public var policy: SLAPolicy

    public init(id: UUID, handleID: UUID?, minPriority: Int, policy: SLAPolicy) {
        self.id = id
        self.handleID = handleID
        self.minPriority = minPriority
        self.policy = policy
    }

    /// The policy for a case: the handle's own before the global ones, then the highest band it reaches.
    public static func choose(_ policies: [StoredSLAPolicy], handleID: UUID, priority: Int) -> StoredSLAPolicy? {
        policies.filter { ($0.handleID == nil || $0.handleID == handleID) && $0.minPriority <= priority }
            .max { a, b in
                let (x, y) = (a.handleID == nil ? 0 : 1, b.handleID == nil ? 0 : 1)
                return x != y ? x < y : a.minPriority < b.minPriority
            }
    }
}
