import Foundation

/// How one request is authorized.
public enum XCredential: Sendable, Equatable, CustomStringConvertible {
    /// OAuth 2.0 app-only bearer token: public reads (search, the filtered stream, mentions).
    case appBearer(String)
    /// OAuth 2.0 user-context access token (Authorization Code with PKCE).
    case userBearer(String)
    /// OAuth 1.0a user context: consumer key and secret with the user's access token and secret.
    case oauth1(OAuth1Credentials)

    public var description: String {
        switch self {
        case .appBearer: "app bearer (redacted)"
        case .userBearer: "user bearer (redacted)"
        case .oauth1: "OAuth 1.0a (redacted)"
        }
    }
}
