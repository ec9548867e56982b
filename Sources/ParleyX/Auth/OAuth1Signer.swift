import Crypto
import Foundation

/// Signs requests with OAuth 1.0a HMAC-SHA1 in user context, as X documents it ("Creating a
/// signature", "Authorizing a request") and RFC 5849 §3.4 defines it. Pure: the nonce and the
/// timestamp are parameters, so a caller at the edge supplies randomness and the clock.
public struct OAuth1Signer: Sendable {
    public let credentials: OAuth1Credentials

    public init(credentials: OAuth1Credentials) {
        self.credentials = credentials
    }

    /// Signs one request.
    /// - Parameters:
    ///   - method: The HTTP method; upper-cased for the base string.
    ///   - url: The full request URL; its query parameters are signed, its fragment ignored.
    ///   - formParameters: The body's parameters, only when the body is
    ///     `application/x-www-form-urlencoded`. A JSON body (X API v2) is not signed.
    ///   - nonce: A value unique to this request; X suggests 32 random bytes with non-word
    ///     characters removed.
    ///   - timestamp: Now; sent as whole seconds since 1970.
    public func sign(
        method: String, url: URL, formParameters: [OAuth1Parameter] = [], nonce: String, timestamp: Date
    ) throws(OAuth1Error) -> OAuth1Signature {
        guard !nonce.isEmpty else { throw .emptyNonce }
        let baseURI = try Self.baseStringURI(url)
        let query = try Self.queryParameters(url)

        var oauth = [
            OAuth1Parameter("oauth_consumer_key", credentials.consumerKey),
            OAuth1Parameter("oauth_nonce", nonce),
            OAuth1Parameter("oauth_signature_method", "HMAC-SHA1"),
            OAuth1Parameter("oauth_timestamp", String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))),
            OAuth1Parameter("oauth_version", "1.0"),
        ]
        if let token = credentials.token {
            oauth.append(OAuth1Parameter("oauth_token", token))
        }

        let parameterString = Self.parameterString(query + formParameters + oauth)
        let baseString = Self.signatureBaseString(
            method: method, baseStringURI: baseURI, parameterString: parameterString)
        let key = Self.signingKey(consumerSecret: credentials.consumerSecret, tokenSecret: credentials.tokenSecret)
        let signature = Data(Self.hmacSHA1(baseString, key: key)).base64EncodedString()

        oauth.append(OAuth1Parameter("oauth_signature", signature))
        let sorted = oauth.sorted { $0.name < $1.name }
        return OAuth1Signature(
            oauthParameters: sorted,
            parameterString: parameterString,
            signatureBaseString: baseString,
            signature: signature,
            authorizationHeader: Self.authorizationHeader(sorted)
        )
    }

    /// `OAuth ` and each protocol parameter as `name="percent-encoded value"`, joined by `, `, in
    /// the order given (X's examples sort them by name).
    public static func authorizationHeader(_ oauthParameters: [OAuth1Parameter]) -> String {
        "OAuth " + oauthParameters
            .map { "\(PercentEncoding.encode($0.name))=\"\(PercentEncoding.encode($0.value))\"" }
            .joined(separator: ", ")
    }

    /// RFC 5849 §3.4.1.3.2: encode every name and value, sort by encoded name then encoded value,
    /// join each pair with `=` and the pairs with `&`.
    static func parameterString(_ parameters: [OAuth1Parameter]) -> String {
        let encoded: [(name: String, value: String)] = parameters.map {
            (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value))
        }
        let sorted = encoded.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    static func signatureBaseString(method: String, baseStringURI: String, parameterString: String) -> String {
        [method.uppercased(), PercentEncoding.encode(baseStringURI), PercentEncoding.encode(parameterString)]
            .joined(separator: "&")
    }

    /// The encoded consumer secret and the encoded token secret joined by `&`; the `&` stays even
    /// when there is no token secret.
    static func signingKey(consumerSecret: String, tokenSecret: String?) -> String {
        PercentEncoding.encode(consumerSecret) + "&" + PercentEncoding.encode(tokenSecret ?? "")
    }

    static func hmacSHA1(_ message: String, key: String) -> [UInt8] {
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8))))
    }

    /// RFC 5849 §3.4.1.2: lower-case scheme and host, the port only when not the scheme's default,
    /// the path as sent (`/` when empty), no query or fragment.
    static func baseStringURI(_ url: URL) throws(OAuth1Error) -> String {
        guard let parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = parts.percentEncodedHost?.lowercased(), !host.isEmpty
        else { throw .unsupportedURL }
        var uri = "\(scheme)://\(host)"
        if let port = parts.port, port != (scheme == "https" ? 443 : 80) {
            uri += ":\(port)"
        }
        let path = parts.percentEncodedPath
        uri += path.isEmpty ? "/" : path
        return uri
    }

    /// The query's pairs, decoded as `application/x-www-form-urlencoded` (RFC 5849 §3.4.1.3.1).
    static func queryParameters(_ url: URL) throws(OAuth1Error) -> [OAuth1Parameter] {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery else {
            return []
        }
        var parameters: [OAuth1Parameter] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(nameAndValue[0], plusIsSpace: true),
                let value = PercentEncoding.decode(nameAndValue.count > 1 ? nameAndValue[1] : "", plusIsSpace: true)
            else { throw .malformedQuery }
            parameters.append(OAuth1Parameter(name, value))
        }
        return parameters
    }
}
