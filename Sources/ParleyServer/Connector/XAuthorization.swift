import FluentKit
import Foundation
import ParleyCore
import ParleyStore
import ParleyX

/// Connecting a handle with OAuth 2.0 Authorization Code and PKCE: `begin` gives the URL to open
/// (keeping the verifier, sealed, under a one-time state); X sends the browser back to
/// `/auth/x/callback`, and `complete` trades the code for tokens, learns whose they are, and
/// stores them sealed on that handle (adding it if the desk does not have it yet).
public struct XAuthorization: Sendable {
    public static let scopes = ["tweet.read", "tweet.write", "users.read", "dm.read", "dm.write", "offline.access"]
    /// How long a consent link stays usable.
    public static let lifetime: Double = 15 * 60

    let database: any Database
    let api: XAPI
    let credentials: XCredentials
    let config: XConnectorConfig
    let clock: @Sendable () -> Date

    public func begin() async throws -> URL {
        guard let clientID = config.clientID else { throw XConnectorError.noOAuthClient }
        guard let endpoint = URL(string: config.authorizeURL) else { throw XConnectorError.noOAuthClient }
        let verifier = try PKCECodeVerifier(octets: (0..<32).map { _ in UInt8.random(in: 0...255) })
        let state = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try await XConnectionQueries(database: database)
            .saveAuthorization(state: state, sealedVerifier: try await credentials.seal(verifier.value), at: clock())
        return XAuthorizeURL(
            endpoint: endpoint, clientID: clientID, redirectURI: config.redirectURI, scopes: Self.scopes, state: state,
            verifier: verifier
        ).url
    }

    public func complete(state: String, code: String) async throws -> Handle {
        guard let clientID = config.clientID else { throw XConnectorError.noOAuthClient }
        let queries = XConnectionQueries(database: database)
        guard let sealed = try await queries.takeAuthorization(state: state, notBefore: clock().addingTimeInterval(-Self.lifetime))
        else { throw XConnectorError.authorizationExpired }
        let verifier = try PKCECodeVerifier(try await credentials.open(sealed))
        let token = try await api.exchangeCode(
            code, verifier: verifier, redirectURI: config.redirectURI,
            client: XOAuth2Client(clientID: clientID, clientSecret: config.clientSecret))
        let account = try await api.me(credential: .userBearer(token.accessToken))
        let handles = HandleQueries(database: database)
        var handle = try await handles.all().first { $0.xUserID == account.id }
        if handle == nil {
            handle = try await handles.upsert(Handle(
                id: StableID.make("handle", account.id), xUserID: account.id, username: account.username, name: account.name,
                role: .care, terms: []))
        }
        guard let handle else { throw XConnectorError.unknownHandle }
        try await credentials.store(token, for: handle.id)
        return handle
    }
}
