/// One name/value pair that takes part in an OAuth 1.0a signature (RFC 5849 §3.4.1.3): a query
/// parameter, a form-body parameter or an `oauth_*` protocol parameter. Names may repeat.
public struct OAuth1Parameter: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
