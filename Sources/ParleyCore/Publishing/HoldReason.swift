import Foundation

/// Why a post waits instead of going out.
public enum HoldReason: Sendable, Equatable, Codable {
    /// Crisis mode paused the handle's posts; a person must review the post before it goes.
    case crisis(reason: String)
    /// A posting limit is used up; the post goes out by itself at `until`.
    case postingLimit(PostingLimits.Exceeded)

    /// Whether the post goes out without a person once the hold lifts.
    public var releasesByItself: Bool {
        if case .postingLimit = self { return true }
        return false
    }

    public var words: String {
        switch self {
        case .crisis(let reason): "Paused by crisis mode: \(reason)"
        case .postingLimit(let exceeded): exceeded.words
        }
    }
}
