import Foundation

/// How the desk moves work around, read once at start-up.
public struct DeskSettings: Sendable, Equatable {
    /// An online agent idle this long becomes away (no new cases).
    public var awayAfter: TimeInterval
    /// A case an agent has held this long without replying while the customer waits goes back to the queue.
    public var requeueAfter: TimeInterval
    /// Cases assigned per team per pass.
    public var assignBatch: Int

    public init(awayAfter: TimeInterval = 15 * 60, requeueAfter: TimeInterval = 30 * 60, assignBatch: Int = 200) {
        self.awayAfter = awayAfter
        self.requeueAfter = requeueAfter
        self.assignBatch = assignBatch
    }
}
