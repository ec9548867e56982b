import Crypto
import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Users and API tokens. Passwords arrive already hashed (the server hashes with bcrypt);
/// tokens are stored only as SHA-256 hashes, so a leaked database leaks no usable token.
public struct UserQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func create(email: String, name: String, passwordHash: String, role: UserRole, at: Date, id: UUID) async throws -> DeskUser {
        let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard normalized.contains("@"), normalized.count <= 254 else { throw StoreError.invalid("'\(email)' is not an email address.") }
        if try await UserRecord.query(on: database).filter(\.$email == normalized).first() != nil {
            throw StoreError.conflict("A user with email \(normalized) already exists.")
        }
        let record = UserRecord()
        record.id = id
        record.email = normalized
        record.name = name
        record.passwordHash = passwordHash
        record.role = role.rawValue
        record.status = AgentStatus.offline.rawValue
        record.createdAt = at
        try await record.create(on: database)
        return try Self.domain(record)
    }

    /// The user and their password hash, for login.
    public func credentials(email: String) async throws -> (user: DeskUser, passwordHash: String)? {
        let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let record = try await UserRecord.query(on: database).filter(\.$email == normalized).first() else { return nil }
        return (try Self.domain(record), record.passwordHash)
    }

    public func find(_ id: UUID) async throws -> DeskUser? {
        try await UserRecord.find(id, on: database).map(Self.domain)
    }

    public func find(email: String) async throws -> DeskUser? {
        try await credentials(email: email)?.user
    }

    public func createToken(userID: UUID, token: String, name: String, at: Date, id: UUID,
                            scopes: Set<TokenScope> = [.read, .write], expiresAt: Date? = nil) async throws {
        let record = APITokenRecord()
        record.id = id
        record.userID = userID
        record.tokenHash = Self.hash(token)
        record.name = name
        record.createdAt = at
        record.scopes = TokenScope.text(scopes)
        record.expiresAt = expiresAt
        try await record.create(on: database)
    }

    /// The token's user and the token, whether or not it may still be used.
    public func user(forToken token: String) async throws -> (user: DeskUser, token: APIToken)? {
        guard let record = try await APITokenRecord.query(on: database).filter(\.$tokenHash == Self.hash(token)).first(),
              let user = try await find(record.userID) else { return nil }
        return (user, try Self.token(record))
    }

    /// The tokens of `userID` (everyone's when nil), newest first.
    public func tokens(of userID: UUID?) async throws -> [APIToken] {
        var query = APITokenRecord.query(on: database).sort(\.$createdAt, .descending)
        if let userID { query = query.filter(\.$userID == userID) }
        return try await query.all().map(Self.token)
    }

    public func token(_ id: UUID) async throws -> APIToken? {
        try await APITokenRecord.find(id, on: database).map(Self.token)
    }

    public func revokeToken(_ id: UUID, at date: Date) async throws {
        guard let record = try await APITokenRecord.find(id, on: database), record.revokedAt == nil else { return }
        record.revokedAt = date
        try await record.update(on: database)
    }

    /// Notes a use, at most once a minute per token (a write on every request would be the API's cost).
    public func touchToken(_ id: UUID, at date: Date) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.raw("""
            UPDATE api_tokens SET last_used_at = \(bind: date)
            WHERE id = \(v.uuid(id)) AND (last_used_at IS NULL OR last_used_at < \(bind: date.addingTimeInterval(-60)))
            """).run()
    }

    static func token(_ record: APITokenRecord) throws -> APIToken {
        APIToken(id: try record.requireID(), userID: record.userID, name: record.name,
                 scopes: (try? TokenScope.parse(record.scopes)) ?? [], createdAt: record.createdAt, expiresAt: record.expiresAt,
                 lastUsedAt: record.lastUsedAt, revokedAt: record.revokedAt)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func domain(_ record: UserRecord) throws -> DeskUser {
        guard let role = UserRole(rawValue: record.role) else {
            throw StoreError.corruptValue(table: "users", column: "role", value: record.role)
        }
        return DeskUser(
            id: try record.requireID(), email: record.email, name: record.name, role: role,
            status: AgentStatus(rawValue: record.status) ?? .offline)
    }
}
