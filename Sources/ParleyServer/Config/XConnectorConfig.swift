import Foundation
import ParleyX

/// How Parley talks to X, read once at start-up from flags and the environment.
public struct XConnectorConfig: Sendable {
    /// Run the connector (pollers, stream, the real sender). Off: the sandbox stands in for X.
    public var enabled: Bool
    /// `https://api.x.com`, or a local fake X (`--x-base-url`).
    public var baseURL: String
    /// X's browser page for OAuth 2.0 consent.
    public var authorizeURL: String
    /// The app-only bearer token (`X_BEARER_TOKEN`); else fetched with the consumer key and secret.
    public var bearerToken: String?
    public var consumerKey: String?
    /// The app's consumer secret: it signs Account Activity webhook deliveries (without it the
    /// webhook routes answer 503: nothing unsigned is ever accepted) and OAuth 1.0a requests.
    public var consumerSecret: String?
    /// OAuth 2.0 client (`X_CLIENT_ID`, `X_CLIENT_SECRET` for a confidential client).
    public var clientID: String?
    public var clientSecret: String?
    /// Where X sends the user back after consent; the server answers it at `/auth/x/callback`.
    public var redirectURI: String
    /// Base64 of 32 bytes that seals tokens at rest (`PARLEY_TOKEN_KEY`).
    public var tokenKey: String?
    /// Seconds between polls, per source.
    public var mentionsInterval: Double
    public var searchInterval: Double
    public var dmInterval: Double
    /// Items per page asked of X (10–100; X's largest costs the fewest requests).
    public var pageSize: Int
    /// Use the filtered stream (brands whose X plan has it) instead of polling mentions and search.
    public var stream: Bool
    /// Seconds without a byte before the stream counts as stalled (X's keep-alive is 20 s).
    public var streamStallTimeout: Double
    /// Scales every backoff delay (tests make it small).
    public var backoffScale: Double
    public var prices: XUnitPrices

    public init(
        enabled: Bool = false, baseURL: String = "https://api.x.com",
        authorizeURL: String = "https://x.com/i/oauth2/authorize", bearerToken: String? = nil,
        consumerKey: String? = nil, consumerSecret: String? = nil, clientID: String? = nil, clientSecret: String? = nil,
        redirectURI: String = "http://localhost:8080/auth/x/callback", tokenKey: String? = nil,
        mentionsInterval: Double = 60, searchInterval: Double = 120, dmInterval: Double = 60, pageSize: Int = 100, stream: Bool = false,
        streamStallTimeout: Double = 30, backoffScale: Double = 1, prices: XUnitPrices = .payPerUse
    ) {
        self.enabled = enabled
        self.baseURL = baseURL
        self.authorizeURL = authorizeURL
        self.bearerToken = bearerToken
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.tokenKey = tokenKey
        self.mentionsInterval = mentionsInterval
        self.searchInterval = searchInterval
        self.dmInterval = dmInterval
        self.pageSize = pageSize
        self.stream = stream
        self.streamStallTimeout = streamStallTimeout
        self.backoffScale = backoffScale
        self.prices = prices
    }

    /// Points the connector at another X (a local fake): its API and its consent page.
    public mutating func use(baseURL: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        authorizeURL = base + "/i/oauth2/authorize"
        enabled = true
    }

    /// Reads `PARLEY_X` (on/off), `X_API_BASE_URL`, `X_BEARER_TOKEN`, `X_CONSUMER_KEY`,
    /// `X_CONSUMER_SECRET`, `X_CLIENT_ID`, `X_CLIENT_SECRET`, `PARLEY_X_REDIRECT_URI`,
    /// `PARLEY_TOKEN_KEY`, `PARLEY_X_POLL` (`mentions=60,search=120,dm=60`), `PARLEY_X_STREAM`,
    /// `X_PRICES` (`post_read=0.005,…` in dollars).
    public static func load(environment: [String: String]) throws -> XConnectorConfig {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        var config = XConnectorConfig()
        if let base = value("X_API_BASE_URL") { config.use(baseURL: base) }
        config.enabled = try flag("PARLEY_X", value("PARLEY_X")) ?? (config.enabled || value("X_BEARER_TOKEN") != nil)
        config.bearerToken = value("X_BEARER_TOKEN")
        config.consumerKey = value("X_CONSUMER_KEY")
        config.consumerSecret = value("X_CONSUMER_SECRET")
        config.clientID = value("X_CLIENT_ID")
        config.clientSecret = value("X_CLIENT_SECRET")
        config.tokenKey = value("PARLEY_TOKEN_KEY")
        if let redirect = value("PARLEY_X_REDIRECT_URI") { config.redirectURI = redirect }
        config.stream = try flag("PARLEY_X_STREAM", value("PARLEY_X_STREAM")) ?? false
        if let poll = value("PARLEY_X_POLL") {
            for pair in poll.split(separator: ",") {
                let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let seconds = Double(parts[1]), seconds >= 1 else {
                    throw ParleyConfig.LoadError.invalid(
                        variable: "PARLEY_X_POLL", value: poll, expected: "mentions=60,search=120,dm=60 (seconds, at least 1)")
                }
                switch parts[0] {
                case "mentions": config.mentionsInterval = seconds
                case "search": config.searchInterval = seconds
                case "dm": config.dmInterval = seconds
                default:
                    throw ParleyConfig.LoadError.invalid(
                        variable: "PARLEY_X_POLL", value: poll, expected: "keys mentions, search and dm")
                }
            }
        }
        if let prices = value("X_PRICES") {
            do {
                config.prices = try XUnitPrices.parse(prices)
            } catch {
                throw ParleyConfig.LoadError.invalid(variable: "X_PRICES", value: prices, expected: error.description)
            }
        }
        return config
    }

    private static func flag(_ name: String, _ raw: String?) throws -> Bool? {
        guard let raw else { return nil }
        switch raw.lowercased() {
        case "1", "true", "on", "yes": return true
        case "0", "false", "off", "no": return false
        default: throw ParleyConfig.LoadError.invalid(variable: name, value: raw, expected: "on or off")
        }
    }
}
