import Foundation

/// What went wrong with one request to X, in the terms a caller acts on.
public enum XAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 429: wait until `resetAt` (from `x-rate-limit-reset`), or back off when X gave no reset.
    case rateLimited(resetAt: Date?)
    /// 5xx, or an error page instead of JSON from X's edge: back off and try again.
    case unavailable(status: Int, detail: String)
    /// 401: the token is missing, revoked or expired. The handle needs re-authorization.
    case unauthorized(detail: String)
    /// 403: the app or user may not do this. On reads that means re-authorization; on a post or
    /// DM it is X refusing that one message (duplicate content, reply not allowed, DMs closed).
    case forbidden(detail: String)
    /// Another 4xx: the request itself was refused (invalid parameter, text too long, not found).
    case refused(status: Int, title: String, detail: String)
    /// A 2xx whose body is not what X documents (empty, cut short, wrong types).
    case malformed(status: Int, reason: String)
    /// No answer: the connection failed, dropped or timed out.
    case transport(reason: String)

    public var description: String {
        switch self {
        case .rateLimited(let reset):
            "X rate limit reached" + (reset.map { ", resets at \(XTimestamp.formatISO8601($0))" } ?? "")
        case let .unavailable(status, detail): "X unavailable (HTTP \(status)): \(detail)"
        case .unauthorized(let detail): "X refused the credentials (HTTP 401): \(detail)"
        case .forbidden(let detail): "X forbade the request (HTTP 403): \(detail)"
        case let .refused(status, title, detail): "X refused the request (HTTP \(status) \(title)): \(detail)"
        case let .malformed(status, reason): "X answered HTTP \(status) with a body Parley cannot read: \(reason)"
        case .transport(let reason): "No answer from X: \(reason)"
        }
    }

    /// Whether the same request may succeed later without anyone changing anything.
    public var isTemporary: Bool {
        switch self {
        case .rateLimited, .unavailable, .transport, .malformed: true
        case .unauthorized, .forbidden, .refused: false
        }
    }
}
