/// Misuse of the fake itself (not an X error answered over HTTP).
public enum FakeXError: Error, Equatable, CustomStringConvertible {
    /// `addV2Line` got something that is not a v2 post line or DM events page.
    case invalidV2Line(String)
    /// `deliverActivity` was called with no webhook registered.
    case noWebhookRegistered
    /// A recorded file is missing from the bundle or unreadable.
    case recordedFileUnreadable(String)

    public var description: String {
        switch self {
        case .invalidV2Line(let why): return "not a v2 post line or DM events page: \(why)"
        case .noWebhookRegistered: return "no webhook is registered; POST /2/webhooks first"
        case .recordedFileUnreadable(let name): return "recorded file \(name) is missing or unreadable"
        }
    }
}
