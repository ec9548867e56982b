import Crypto
import FluentKit
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

    public func createToken(userID: UUID, token: String, name: String, at: Date, id: UUID) async throws {
        let record = APITokenRecord()
        record.id = id
        record.userID = userID
        record.tokenHash = Self.hash(token)
        record.name = name
        record.createdAt = at
        try await record.create(on: database)
    }

    public func user(forToken token: String) async throws -> DeskUser? {
        guard let record = try await APITokenRecord.query(on: database).filter(\.$tokenHash == Self.hash(token)).first() else {
            return nil
        }
        return try await find(record.userID)
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
