import Foundation

/// One request to X's API, before authorization is applied.
public struct XRequest: Sendable {
    public enum Body: Sendable {
        case none
        case json(Data)
        /// `application/x-www-form-urlencoded` (the OAuth 2.0 token endpoint).
        case form([OAuth1Parameter])
    }

    public var method: String
    /// The path below the base URL, such as `/2/users/783214/mentions`.
    public var path: String
    public var query: [OAuth1Parameter]
    public var body: Body
    public var credential: XCredential?
    /// HTTP Basic user and password (the OAuth 2.0 token endpoints for a confidential client).
    public var basic: (user: String, password: String)?
    /// The route as X documents it, such as `GET /2/users/:id/mentions`: the name in logs and metrics,
    /// with no ids in it.
    public var endpoint: String

    public init(
        _ method: String, _ path: String, endpoint: String, query: [OAuth1Parameter] = [], body: Body = .none,
        credential: XCredential? = nil, basic: (user: String, password: String)? = nil
    ) {
        self.method = method
        self.path = path
        self.endpoint = endpoint
        self.query = query
        self.body = body
        self.credential = credential
        self.basic = basic
    }

    /// The query string, RFC 3986-encoded as OAuth 1.0a signs it.
    var queryString: String {
        query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }
}

/// X's answer to one request.
public struct XResponse: Sendable {
    public var status: Int
    public var body: Data
    public var rateLimit: XRateLimit?

    public init(status: Int, body: Data, rateLimit: XRateLimit?) {
        self.status = status
        self.body = body
        self.rateLimit = rateLimit
    }
}

/// What the client reports after every request, for metrics and logs: never a token, never a body.
public struct XRequestOutcome: Sendable {
    public var endpoint: String
    public var status: Int?
    public var error: XAPIError?
    public var rateLimit: XRateLimit?

    public init(endpoint: String, status: Int?, error: XAPIError?, rateLimit: XRateLimit?) {
        self.endpoint = endpoint
        self.status = status
        self.error = error
        self.rateLimit = rateLimit
    }
}
