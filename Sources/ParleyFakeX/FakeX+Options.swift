import Foundation

extension FakeX {
    public struct Options: Sendable {
        /// X sends "\r\n" on the filtered stream every 20 seconds; tests use a fraction of a second.
        public var keepAliveInterval: TimeInterval
        public var consumerKey: String
        /// Signs the CRC response check and webhook deliveries, and verifies OAuth 1.0a signatures.
        public var consumerSecret: String
        /// The OAuth 2.0 client id `/i/oauth2/authorize` and `/2/oauth2/token` accept.
        public var clientID: String
        /// Always a valid app-only token (unless revoked).
        public var appBearerToken: String
        /// Load the recorded responses into the world (see Recorded/README.md and `FakeXSeed`).
        public var seedRecorded: Bool
        /// Requests per window, per endpoint, per token.
        public var rateLimit: Int
        public var rateLimitWindow: TimeInterval
        public var accessTokenLifetime: TimeInterval
        /// The fake's clock: token expiry, rate-limit windows, new ids and `created_at`.
        public var now: @Sendable () -> Date

        public init(
            keepAliveInterval: TimeInterval = 20, consumerKey: String = "fake-consumer-key",
            consumerSecret: String = "fake-consumer-secret", clientID: String = "fake-client-id",
            appBearerToken: String = "fake-app-bearer", seedRecorded: Bool = true, rateLimit: Int = 450,
            rateLimitWindow: TimeInterval = 900, accessTokenLifetime: TimeInterval = 7200,
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.keepAliveInterval = keepAliveInterval
            self.consumerKey = consumerKey
            self.consumerSecret = consumerSecret
            self.clientID = clientID
            self.appBearerToken = appBearerToken
            self.seedRecorded = seedRecorded
            self.rateLimit = rateLimit
            self.rateLimitWindow = rateLimitWindow
            self.accessTokenLifetime = accessTokenLifetime
            self.now = now
        }
    }
}
