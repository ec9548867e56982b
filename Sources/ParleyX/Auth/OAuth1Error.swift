/// Why a request could not be signed. Messages never include the URL's query, a token or a secret.
public enum OAuth1Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL has no `http`/`https` scheme or no host, so there is no base string URI.
    case unsupportedURL
    /// The URL's query has a `%` escape that does not decode to UTF-8.
    case malformedQuery
    /// The nonce is empty; X rejects a request without one.
    case emptyNonce

    public var description: String {
        switch self {
        case .unsupportedURL: "OAuth 1.0a: the request URL needs an http or https scheme and a host"
        case .malformedQuery: "OAuth 1.0a: the request URL's query has an invalid percent-escape"
        case .emptyNonce: "OAuth 1.0a: the nonce is empty"
        }
    }
}
