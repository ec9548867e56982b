import FluentKit
import Foundation
import Logging
import ParleyStore
import ParleyX

/// Hands out credentials for requests: the app's bearer token, and each handle's user context,
/// refreshed before it expires. An actor, so one refresh token is never spent twice (X rotates
/// them: the old one dies the moment the new one is issued).
public actor XCredentials {
    let database: any Database
    let api: XAPI
    let config: XConnectorConfig
    let sealer: TokenSealer?
    let clock: @Sendable () -> Date
    private var appToken: String?
    private let logger = Logger(label: "parley.x.credentials")

    public init(database: any Database, api: XAPI, config: XConnectorConfig, clock: @escaping @Sendable () -> Date) throws {
        self.database = database
        self.api = api
        self.config = config
        self.clock = clock
        self.sealer = try config.tokenKey.map { key throws in try TokenSealer(base64Key: key) }
        self.appToken = config.bearerToken
    }

    /// The app-only bearer token: from configuration, or fetched once with the consumer key and secret.
    public func app() async throws -> XCredential {
        if let appToken { return .appBearer(appToken) }
        guard let key = config.consumerKey, let secret = config.consumerSecret else { throw XConnectorError.noAppCredential }
        let token = try await api.appBearerToken(consumerKey: key, consumerSecret: secret)
        appToken = token
        return .appBearer(token)
    }

    public func hasApp() -> Bool {
        appToken != nil || (config.consumerKey != nil && config.consumerSecret != nil)
    }

    /// The handle's user context, refreshed first if it expires within a minute.
    public func user(_ handleID: UUID) async throws -> XCredential {
        let queries = XConnectionQueries(database: database)
        guard let status = try await queries.status(handleID) else { throw XConnectorError.unknownHandle }
        if status.authState == .needsReauth { throw XConnectorError.needsReauthorization(username: status.username) }
        guard let sealed = try await queries.sealedCredentials(handleID) else {
            throw XConnectorError.notConnected(username: status.username)
        }
        guard let sealer else { throw XConnectorError.noTokenKey }
        var stored = try StoredXCredentials.open(sealed, with: sealer)
        switch stored.kind {
        case .oauth1:
            guard let key = config.consumerKey, let secret = config.consumerSecret else { throw XConnectorError.noAppCredential }
            return .oauth1(OAuth1Credentials(
                consumerKey: key, consumerSecret: secret, token: stored.accessToken, tokenSecret: stored.tokenSecret))
        case .oauth2:
            if let expiresAt = stored.expiresAt, expiresAt.timeIntervalSince(clock()) < 60, let refresh = stored.refreshToken {
                guard let clientID = config.clientID else { throw XConnectorError.noOAuthClient }
                do {
                    let token = try await api.refresh(refresh, client: XOAuth2Client(clientID: clientID, clientSecret: config.clientSecret))
                    var renewed = StoredXCredentials.oauth2(token, now: clock())
                    if renewed.refreshToken == nil { renewed.refreshToken = refresh }
                    // Stored before use: if this process dies now, the new refresh token is not lost.
                    try await queries.storeCredentials(handleID, sealed: try renewed.seal(with: sealer))
                    stored = renewed
                    logger.info("X access token refreshed", metadata: ["handle": "\(status.username)"])
                } catch let error as XAPIError where !error.isTemporary {
                    try await queries.markNeedsReauth(handleID, reason: "refresh refused: \(error)")
                    throw XConnectorError.needsReauthorization(username: status.username)
                }
            }
            return .userBearer(stored.accessToken)
        }
    }

    /// Stores a handle's new OAuth 2.0 tokens (after the consent callback).
    public func store(_ token: XOAuth2Token, for handleID: UUID) async throws {
        guard let sealer else { throw XConnectorError.noTokenKey }
        let sealed = try StoredXCredentials.oauth2(token, now: clock()).seal(with: sealer)
        try await XConnectionQueries(database: database).storeCredentials(handleID, sealed: sealed)
    }

    /// Stores OAuth 1.0a tokens from configuration (`parley handle add`).
    public func storeOAuth1(token: String, secret: String, for handleID: UUID) async throws {
        guard let sealer else { throw XConnectorError.noTokenKey }
        let stored = StoredXCredentials(kind: .oauth1, accessToken: token, refreshToken: nil, expiresAt: nil, tokenSecret: secret)
        try await XConnectionQueries(database: database).storeCredentials(handleID, sealed: try stored.seal(with: sealer))
    }

    public func seal(_ text: String) throws -> String {
        guard let sealer else { throw XConnectorError.noTokenKey }
        return try sealer.seal(text)
    }

    public func open(_ sealed: String) throws -> String {
        guard let sealer else { throw XConnectorError.noTokenKey }
        return try sealer.open(sealed)
    }
}
