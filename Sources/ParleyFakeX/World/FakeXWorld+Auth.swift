import Crypto
import Foundation

struct AccessGrant: Sendable {
    var userID: String
    var scope: String
    var expiresAt: Date
}

struct RefreshGrant: Sendable {
    var userID: String
    var scope: String
}

struct AuthorizationCode: Sendable {
    var userID: String
    var clientID: String
    var redirectURI: String
    var challenge: String
    var challengeMethod: String
    var scope: String
    var expiresAt: Date
}

extension FakeXWorld {
    /// X's authorization codes live 30 seconds.
    static let authorizationCodeLifetime: TimeInterval = 30

    /// Later requests with this token (access, refresh, OAuth 1.0a or the app bearer) get 401.
    public func revoke(token: String) {
        revoked.insert(token)
        accessTokens[token] = nil
        refreshTokens[token] = nil
        oauth1Tokens[token] = nil
    }

    /// Valid OAuth 2.0 user-context tokens for the user, as if they had just authorized the app.
    public func issueUserToken(for userID: String) -> FakeXTokenPair {
        issueTokens(userID: userID, scope: "tweet.read tweet.write users.read dm.read dm.write offline.access")
    }

    /// Valid OAuth 1.0a user-context credentials for the user.
    public func issueOAuth1Token(for userID: String) -> FakeXOAuth1Token {
        let credentials = FakeXOAuth1Token(
            token: "\(userID)-\(Self.randomToken(bytes: 15))", secret: Self.randomToken(bytes: 30), userID: userID)
        oauth1Tokens[credentials.token] = credentials
        return credentials
    }

    func issueTokens(userID: String, scope: String) -> FakeXTokenPair {
        let pair = FakeXTokenPair(
            accessToken: Self.randomToken(bytes: 48), refreshToken: Self.randomToken(bytes: 48), userID: userID,
            expiresAt: now.addingTimeInterval(options.accessTokenLifetime))
        accessTokens[pair.accessToken] = AccessGrant(userID: userID, scope: scope, expiresAt: pair.expiresAt)
        refreshTokens[pair.refreshToken] = RefreshGrant(userID: userID, scope: scope)
        return pair
    }

    func authenticate(bearer token: String) -> FakeXAuth {
        if revoked.contains(token) { return .invalid }
        if token == options.appBearerToken { return .appBearer }
        guard let grant = accessTokens[token], grant.expiresAt > now else { return .invalid }
        return .userBearer(userID: grant.userID)
    }

    func oauth1Credentials(token: String) -> FakeXOAuth1Token? {
        revoked.contains(token) ? nil : oauth1Tokens[token]
    }

    func userID(for auth: FakeXAuth) -> String? {
        switch auth {
        case .userBearer(let id): return id
        case .oauth1(_, let token): return oauth1Tokens[token]?.userID
        case .none, .invalid, .appBearer: return nil
        }
    }

    func issueAuthorizationCode(_ code: AuthorizationCode) -> String {
        let value = Self.randomToken(bytes: 32)
        authorizationCodes[value] = code
        return value
    }

    /// `grant_type=authorization_code`: the code is single-use, bound to its client and redirect
    /// URI, and the verifier must hash to the challenge (RFC 7636).
    func exchange(code: String, clientID: String, redirectURI: String, verifier: String) throws(XError)
        -> (FakeXTokenPair, scope: String)
    {
        guard let grant = authorizationCodes.removeValue(forKey: code), grant.expiresAt > now,
            grant.clientID == clientID, grant.redirectURI == redirectURI
        else { throw .oauth("invalid_request", "Value passed for the authorization code was invalid.") }
        let expected = grant.challengeMethod == "plain" ? verifier : Self.s256(verifier)
        guard expected == grant.challenge else {
            throw .oauth("invalid_request", "Value passed for the code_verifier was invalid.")
        }
        return (issueTokens(userID: grant.userID, scope: grant.scope), grant.scope)
    }

    /// `grant_type=refresh_token`: rotation, so the old refresh token stops working.
    func refresh(token: String) throws(XError) -> (FakeXTokenPair, scope: String) {
        guard let grant = refreshTokens.removeValue(forKey: token), !revoked.contains(token) else {
            throw .oauth("invalid_request", "Value passed for the token was invalid.")
        }
        return (issueTokens(userID: grant.userID, scope: grant.scope), grant.scope)
    }

    /// `BASE64URL(SHA256(ASCII(code_verifier)))` without padding (RFC 7636 section 4.2).
    static func s256(_ verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func randomToken(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL(Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }
}
