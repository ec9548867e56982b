import Foundation

/// How long to wait before reconnecting or retrying, as X advises for its streams: back off
/// linearly for network errors (250 ms steps, at most 16 s), exponentially for HTTP errors
/// (from 5 s, at most 320 s) and for rate limits (from 60 s, at most 960 s), with jitter so that
/// many clients do not come back at once.
public struct XBackoff: Sendable, Equatable {
    public enum Failure: Sendable, Equatable {
        case network
        case http
        case rateLimited
    }

    /// Multiplies every delay; tests shrink it, production leaves it at 1.
    public var scale: Double

    public init(scale: Double = 1) {
        self.scale = scale
    }

    /// The delay before attempt `attempt` (1 = the first retry), before jitter.
    public func baseDelay(_ failure: Failure, attempt: Int) -> Double {
        let n = max(1, attempt)
        let seconds: Double = switch failure {
        case .network: min(16, 0.25 * Double(n))
        case .http: min(320, 5 * pow(2, Double(min(n - 1, 16))))
        case .rateLimited: min(960, 60 * pow(2, Double(min(n - 1, 16))))
        }
        return seconds * scale
    }

    /// The delay with up to 20% jitter either way; `unit` is a random number in [0, 1).
    public func delay(_ failure: Failure, attempt: Int, unit: Double) -> Double {
        baseDelay(failure, attempt: attempt) * (0.8 + 0.4 * min(max(unit, 0), 1))
    }

    /// The kind of failure an error is, for the stream and the pollers.
    public static func failure(for error: XAPIError) -> Failure {
        switch error {
        case .rateLimited: .rateLimited
        case .transport: .network
        default: .http
        }
    }
}
