import Foundation

/// One request the fake received, as the request log keeps it.
public struct FakeXRequest: Sendable {
    public var method: String
    /// The path as requested, e.g. `/2/users/783214/mentions`.
    public var path: String
    /// The route pattern it matched, e.g. `/2/users/:id/mentions`; empty when none did.
    public var route: String
    public var query: [String: String]
    /// The status answered; 0 when the connection was dropped without a response.
    public var status: Int
    public var auth: FakeXAuth
    public var at: Date
}

/// Who a request authenticated as.
public enum FakeXAuth: Sendable, Equatable {
    case none
    case invalid
    case appBearer
    case userBearer(userID: String)
    case oauth1(consumerKey: String, token: String)
}
