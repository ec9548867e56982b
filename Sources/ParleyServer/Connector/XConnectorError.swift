/// Why the connector cannot act for a handle.
public enum XConnectorError: Error, Equatable, CustomStringConvertible {
    case noTokenKey
    case notConnected(username: String)
    case needsReauthorization(username: String)
    case noAppCredential
    case noOAuthClient
    case unknownHandle
    case authorizationExpired
    case corruptCredentials

    public var description: String {
        switch self {
        case .noTokenKey:
            "PARLEY_TOKEN_KEY is not set: X tokens are stored encrypted, and need a key (openssl rand -base64 32)."
        case .notConnected(let username):
            "@\(username) has no X credentials: run `parley handle connect` or `parley handle add` with tokens."
        case .needsReauthorization(let username):
            "X no longer accepts @\(username)'s credentials: authorize it again with `parley handle connect`."
        case .noAppCredential:
            "No app credential for X: set X_BEARER_TOKEN, or X_CONSUMER_KEY and X_CONSUMER_SECRET."
        case .noOAuthClient:
            "X_CLIENT_ID is not set: it is the OAuth 2.0 client id from the X developer portal."
        case .unknownHandle:
            "That handle is not on this desk."
        case .authorizationExpired:
            "This authorization link has expired or was already used: run `parley handle connect` again."
        case .corruptCredentials:
            "The stored X credentials cannot be opened with PARLEY_TOKEN_KEY (was the key changed?)."
        }
    }
}
