import Foundation

/// Time, ids and chance, supplied from one place so tests can fix them.
public struct Effects: Sendable {
    public var now: @Sendable () -> Date
    public var newID: @Sendable () -> UUID
    /// A number in 0..<1 (retry jitter).
    public var random: @Sendable () -> Double

    public init(
        now: @escaping @Sendable () -> Date, newID: @escaping @Sendable () -> UUID,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.now = now
        self.newID = newID
        self.random = random
    }

    public static let live = Effects(now: { Date() }, newID: { UUID() })
}
