/// The four values that sign an OAuth 1.0a user-context request: the app's consumer key and secret,
/// and the handle's access token and secret. Printing or dumping one shows no secret.
public struct OAuth1Credentials: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var consumerKey: String
    public var consumerSecret: String
    /// Nil only while obtaining a request token (the three-legged flow's first leg).
    public var token: String?
    public var tokenSecret: String?

    public init(consumerKey: String, consumerSecret: String, token: String?, tokenSecret: String?) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.token = token
        self.tokenSecret = tokenSecret
    }

    public var description: String {
        "OAuth1Credentials(token: \(token == nil ? "none" : "set"), secrets redacted)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description])
    }
}
