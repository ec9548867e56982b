import Foundation
import ParleyCore
import Vapor

/// `GET /api/v1/tokens` (your tokens; an admin sees everyone's), `POST /api/v1/tokens`
/// `{"name","scopes":["read","write",…],"expires_in_days"?,"user"?}` (201 with the secret, shown
/// once), `DELETE /api/v1/tokens/{id}` (revokes it).
struct TokensController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tokens", use: list)
        routes.post("tokens", use: create)
        routes.delete("tokens", ":token", use: revoke)
    }

    struct TokenDTO: Content {
        var id: UUID
        var user: UUID
        var name: String
        var scopes: [String]
        var createdAt: Date
        var expiresAt: Date?
        var lastUsedAt: Date?
        var revokedAt: Date?
        var token: String?

        enum CodingKeys: String, CodingKey {
            case id, user, name, scopes, token
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case lastUsedAt = "last_used_at"
            case revokedAt = "revoked_at"
        }

        init(_ t: APIToken, secret: String? = nil) {
            id = t.id
            user = t.userID
            name = t.name
            scopes = t.scopes.sorted().map(\.rawValue)
            createdAt = t.createdAt
            expiresAt = t.expiresAt
            lastUsedAt = t.lastUsedAt
            revokedAt = t.revokedAt
            token = secret
        }
    }

    struct CreateInput: Content {
        var name: String
        var scopes: [String]
        var expiresInDays: Int?
        var user: UUID?

        enum CodingKeys: String, CodingKey {
            case name, scopes, user
            case expiresInDays = "expires_in_days"
        }
    }

    @Sendable func list(req: Request) async throws -> [TokenDTO] {
        let actor = try req.auth.require(AuthenticatedUser.self).user
        return try await req.actions.tokens.list(by: actor).map { TokenDTO($0) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let actor = try req.auth.require(AuthenticatedUser.self).user
        let input = try req.strictBody(CreateInput.self, keys: ["name", "scopes", "expires_in_days", "user"])
        let scopes: Set<TokenScope>
        do {
            scopes = try TokenScope.parse(input.scopes.joined(separator: " "))
        } catch {
            throw HTTPError(.unprocessableEntity, "invalid_token", error.description)
        }
        let made = try await req.actions.tokens.create(for: input.user ?? actor.id, name: input.name, scopes: scopes, expiresInDays: input.expiresInDays, by: actor)
        return try await TokenDTO(made.token, secret: made.secret).encodeResponse(status: .created, for: req)
    }

    @Sendable func revoke(req: Request) async throws -> TokenDTO {
        let actor = try req.auth.require(AuthenticatedUser.self).user
        guard let raw = req.parameters.get("token"), let id = UUID(uuidString: raw) else { throw HTTPError.notFound("token") }
        return TokenDTO(try await req.actions.tokens.revoke(id, by: actor))
    }
}
