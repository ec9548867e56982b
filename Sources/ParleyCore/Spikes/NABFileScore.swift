/// NAB's raw score of one file, with the point counts NAB's scoreboard prints beside it.
public struct NABFileScore: Sendable, Hashable {
    /// Windows labelled in the file, probationary ones included (NAB's "perfect" counts them all).
    public var windowCount: Int
    /// The sum of each scored window's best detection (or its false-negative cost).
    public var windowScores: Double = 0
    /// The sum of the false alarms' costs (zero or less).
    public var falsePositiveCost: Double = 0
    public var truePositives = 0
    public var trueNegatives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    /// Scored windows with at least one detection.
    public var windowsDetected = 0

    public var score: Double { windowScores + falsePositiveCost }

    public init(windowCount: Int) {
        self.windowCount = windowCount
    }
}
