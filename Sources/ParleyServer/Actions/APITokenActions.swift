import Foundation
import ParleyCore
import ParleyStore

/// API tokens people manage: made with a name, scopes and an expiry (the secret shown once, only
/// its hash kept), listed, revoked. Anyone may make tokens for themselves with read and write;
/// admin and ingest, and tokens for others, are an admin's.
struct APITokenActions: Sendable {
    let context: ActionContext

    struct Made: Sendable {
        var token: APIToken
        /// The secret, shown this once.
        var secret: String
    }

    func create(for owner: UUID, name: String, scopes: Set<TokenScope>, expiresInDays: Int?, by actor: DeskUser) async throws -> Made {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else { throw DeskError.invalid(code: "invalid_token", APITokenError.badName.description) }
        if let days = expiresInDays, !(1...3_650).contains(days) { throw DeskError.invalid(code: "invalid_token", APITokenError.badExpiry.description) }
        guard owner == actor.id || actor.role == .admin else { throw DeskError.forbidden("Only an admin makes tokens for someone else.") }
        return try await context.commit { tx in
            let users = UserQueries(database: tx.database)
            guard let user = try await users.find(owner) else { throw DeskError.notFound("user") }
            let allowed = TokenAccess.grantable(by: actor.role).intersection(TokenAccess.grantable(by: user.role))
            let refused = scopes.subtracting(allowed)
            guard refused.isEmpty else { throw DeskError.invalid(code: "invalid_token", APITokenError.notGrantable(refused.sorted()).description) }
            let secret = "pk_" + Self.secret()
            let id = tx.effects.newID()
            let expires = expiresInDays.map { tx.now.addingTimeInterval(Double($0) * 86_400) }
            try await users.createToken(userID: owner, token: secret, name: trimmed, at: tx.now, id: id, scopes: scopes, expiresAt: expires)
            guard let token = try await users.token(id) else { throw DeskError.notFound("token") }
            return Change(Made(token: token, secret: secret))
        }
    }

    /// The actor's own tokens; an admin's list is everyone's.
    func list(by actor: DeskUser) async throws -> [APIToken] {
        try await UserQueries(database: context.database).tokens(of: actor.role == .admin ? nil : actor.id)
    }

    func revoke(_ id: UUID, by actor: DeskUser) async throws -> APIToken {
        try await context.commit { tx in
            let users = UserQueries(database: tx.database)
            guard let token = try await users.token(id), token.userID == actor.id || actor.role == .admin else { throw DeskError.notFound("token") }
            try await users.revokeToken(id, at: tx.now)
            guard let revoked = try await users.token(id) else { throw DeskError.notFound("token") }
            return Change(revoked)
        }
    }

    /// 32 random bytes, URL-safe.
    static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
