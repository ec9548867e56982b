import Foundation

/// Time and ids, supplied from one place so tests can fix them.
public struct Effects: Sendable {
    public var now: @Sendable () -> Date
    public var newID: @Sendable () -> UUID

    public init(now: @escaping @Sendable () -> Date, newID: @escaping @Sendable () -> UUID) {
        self.now = now
        self.newID = newID
    }

    public static let live = Effects(now: { Date() }, newID: { UUID() })
}
