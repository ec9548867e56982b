/// The outcome of signing one request: the `Authorization` header value to send, and the
/// intermediate strings for diagnosing a 401 in a test. Its description shows none of them, since
/// the header carries the access token.
public struct OAuth1Signature: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The `oauth_*` protocol parameters, `oauth_signature` included, sorted by name.
    public let oauthParameters: [OAuth1Parameter]
    /// The normalized parameter string (RFC 5849 §3.4.1.3.2).
    public let parameterString: String
    /// `METHOD&encoded-base-URI&encoded-parameter-string` (RFC 5849 §3.4.1.1).
    public let signatureBaseString: String
    /// Base64 of the HMAC-SHA1 of the base string.
    public let signature: String
    /// The value of the `Authorization` header: `OAuth oauth_consumer_key="...", ...`.
    public let authorizationHeader: String

    public var description: String { "OAuth1Signature(redacted)" }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
