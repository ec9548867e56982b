import Foundation

/// A misbehaviour the next requests to a route get, injected with `FakeXWorld.inject(_:path:times:)`.
public enum FakeXFault: Sendable, Equatable {
    /// 429, `x-rate-limit-remaining: 0`, `x-rate-limit-reset` = now + resetIn, X's problem body.
    case rateLimited(resetIn: TimeInterval)
    /// 503 with X's problem body.
    case serviceUnavailable
    /// 401 with X's problem body.
    case unauthorized
    /// 403 with X's problem body and this detail.
    case forbidden(detail: String)
    /// 502 text/html, like X's "Over capacity" page.
    case htmlErrorPage
    /// 200 with an empty body.
    case emptyBody
    /// 200 with the normal body cut in half.
    case partialJSON
    /// 200 `{"data":"oops","meta":{"result_count":"ten"}}`.
    case wrongTypes
    /// Answers normally after the delay.
    case slow(TimeInterval)
    /// Closes the connection without a response.
    case dropConnection
    /// Stream: that many complete post lines, then the first half of the next post's line, then the
    /// connection is closed abruptly.
    case streamCutMidLine(afterLines: Int)
    /// Stream: that many lines, then nothing at all (no keep-alives) while the connection stays open.
    case streamStall(afterLines: Int)
    /// Stream: that many lines, then a clean end of the response.
    case streamDisconnect(afterLines: Int)

    var isStreamFault: Bool {
        switch self {
        case .streamCutMidLine, .streamStall, .streamDisconnect: return true
        default: return false
        }
    }
}
