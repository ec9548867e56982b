import Foundation

/// The URL that sends a brand's user to X to grant Parley access: OAuth 2.0 Authorization Code
/// with PKCE, as X documents it. Pure value building; the caller draws the state and the verifier
/// and keeps both until the callback.
public struct XAuthorizeURL: Sendable, Equatable {
    /// X's authorize page. A fake X in tests passes its own.
    public static let defaultEndpoint = URL(string: "https://twitter.com/i/oauth2/authorize")!

    public var endpoint: URL
    public var clientID: String
    public var redirectURI: String
    /// For example `tweet.read users.read dm.read offline.access`; sent space-separated.
    public var scopes: [String]
    /// Echoed back on the callback; the caller checks it to stop cross-site request forgery.
    public var state: String
    public var codeChallenge: String

    public init(
        endpoint: URL = XAuthorizeURL.defaultEndpoint, clientID: String, redirectURI: String, scopes: [String],
        state: String, verifier: PKCECodeVerifier
    ) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.state = state
        self.codeChallenge = verifier.challenge
    }

    /// The parameters in the order X's documentation shows them.
    public var queryItems: [(name: String, value: String)] {
        [
            ("response_type", "code"),
            ("client_id", clientID),
            ("redirect_uri", redirectURI),
            ("scope", scopes.joined(separator: " ")),
            ("state", state),
            ("code_challenge", codeChallenge),
            ("code_challenge_method", PKCECodeVerifier.challengeMethod),
        ]
    }

    /// Every value is RFC 3986-encoded, so the space between scopes is `%20` and the redirect URI's
    /// `:` and `/` are escaped.
    public var url: URL {
        let query = queryItems
            .map { "\($0.name)=\(PercentEncoding.encode($0.value))" }
            .joined(separator: "&")
        let separator = endpoint.absoluteString.contains("?") ? "&" : "?"
        // Every character added is unreserved, `%`, `=` or `&`, so the string always parses.
        return URL(string: endpoint.absoluteString + separator + query)!
    }
}
