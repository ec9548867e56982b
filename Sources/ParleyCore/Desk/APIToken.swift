import Foundation

/// What an API token may do. `read` is GET; `write` adds every change the token's user may make;
/// `admin` adds the admin routes (for an admin's token); `ingest` is `POST /api/v1/events`
/// (raw X payloads), which no other scope and no browser session allows.
public enum TokenScope: String, Sendable, Codable, CaseIterable, Comparable {
    case read, write, admin, ingest

    public static func < (a: TokenScope, b: TokenScope) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// `read,write` or `read write` into scopes; refuses an unknown one by name.
    public static func parse(_ text: String) throws(APITokenError) -> Set<TokenScope> {
        var scopes = Set<TokenScope>()
        for word in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !word.isEmpty {
            guard let scope = TokenScope(rawValue: word.lowercased()) else { throw .unknownScope(String(word.prefix(40))) }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw .noScope }
        return scopes
    }

    public static func text(_ scopes: Set<TokenScope>) -> String { scopes.sorted().map(\.rawValue).joined(separator: " ") }
}

/// A saved token, without its secret (only a hash of it is stored).
public struct APIToken: Sendable, Equatable {
    public var id: UUID
    public var userID: UUID
    public var name: String
    public var scopes: Set<TokenScope>
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: UUID, userID: UUID, name: String, scopes: Set<TokenScope>, createdAt: Date, expiresAt: Date?, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.userID = userID
        self.name = name
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Why the token cannot be used at `now`, if it cannot.
    public func unusable(at now: Date) -> String? {
        if let revokedAt { return "This API token was revoked on \(ISO8601DateFormatter().string(from: revokedAt))." }
        if let expiresAt, now >= expiresAt { return "This API token expired on \(ISO8601DateFormatter().string(from: expiresAt))." }
        return nil
    }
}

/// Which scope a request needs, and whether a token has it.
public enum TokenAccess {
    public static func needed(method: String, adminRoute: Bool, ingestRoute: Bool) -> TokenScope {
        if ingestRoute { return .ingest }
        if adminRoute { return .admin }
        return ["GET", "HEAD", "OPTIONS"].contains(method) ? .read : .write
    }

    /// `admin` includes `write`, which includes `read`; `ingest` is only itself.
    public static func allows(_ scopes: Set<TokenScope>, _ needed: TokenScope) -> Bool {
        switch needed {
        case .read: !scopes.isDisjoint(with: [.read, .write, .admin])
        case .write: !scopes.isDisjoint(with: [.write, .admin])
        case .admin: scopes.contains(.admin)
        case .ingest: scopes.contains(.ingest)
        }
    }

    /// The scopes a user of `role` may give a token: admin and ingest are an admin's.
    public static func grantable(by role: UserRole) -> Set<TokenScope> {
        role == .admin ? Set(TokenScope.allCases) : [.read, .write]
    }
}

public enum APITokenError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownScope(String)
    case noScope
    case notGrantable([TokenScope])
    case badExpiry
    case badName

    public var description: String {
        switch self {
        case .unknownScope(let word): "Unknown scope '\(word)': scopes are read, write, admin and ingest."
        case .noScope: "A token needs at least one scope (read, write, admin, ingest)."
        case .notGrantable(let scopes): "Only an admin's token may have \(scopes.map(\.rawValue).joined(separator: " and "))."
        case .badExpiry: "A token expires in 1 to 3650 days, or never."
        case .badName: "A token's name is 1 to 100 characters."
        }
    }
}
