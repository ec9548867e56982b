/// One of NAB's application profiles: what a detected window, a missed window and a false alarm
/// are worth (NAB's `config/profiles.json`).
public struct NABProfile: Sendable, Hashable {
    public var name: String
    public var truePositiveWeight: Double
    public var falsePositiveWeight: Double
    public var falseNegativeWeight: Double

    public static let standard = NABProfile(name: "standard", truePositiveWeight: 1, falsePositiveWeight: 0.11, falseNegativeWeight: 1)
    public static let rewardLowFalsePositives = NABProfile(name: "reward_low_FP_rate", truePositiveWeight: 1, falsePositiveWeight: 0.22, falseNegativeWeight: 1)
    public static let rewardLowFalseNegatives = NABProfile(name: "reward_low_FN_rate", truePositiveWeight: 1, falsePositiveWeight: 0.11, falseNegativeWeight: 2)
    public static let all: [NABProfile] = [.standard, .rewardLowFalsePositives, .rewardLowFalseNegatives]
}
