import Foundation
import ParleyX

/// A handle's user-context credentials as they are sealed into `handles.credentials`.
struct StoredXCredentials: Codable, Equatable {
    enum Kind: String, Codable {
        /// OAuth 2.0 Authorization Code with PKCE: an access token that expires and a refresh token.
        case oauth2
        /// OAuth 1.0a: an access token and secret that do not expire (from `parley handle add`).
        case oauth1
    }

    var kind: Kind
    var accessToken: String
    var refreshToken: String?
    var expiresAt: Date?
    var tokenSecret: String?

    static func oauth2(_ token: XOAuth2Token, now: Date) -> StoredXCredentials {
        StoredXCredentials(
            kind: .oauth2, accessToken: token.accessToken, refreshToken: token.refreshToken,
            expiresAt: token.expiresIn.map { now.addingTimeInterval(Double($0)) }, tokenSecret: nil)
    }

    func seal(with sealer: TokenSealer) throws -> String {
        try sealer.seal(String(decoding: JSONEncoder().encode(self), as: UTF8.self))
    }

    static func open(_ sealed: String, with sealer: TokenSealer) throws -> StoredXCredentials {
        do {
            return try JSONDecoder().decode(StoredXCredentials.self, from: Data(try sealer.open(sealed).utf8))
        } catch {
            throw XConnectorError.corruptCredentials
        }
    }
}
