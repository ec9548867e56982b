import FluentKit
import FluentSQL
import Foundation

/// Whether X accepts a handle's credentials.
public enum XAuthState: String, Sendable, Codable, CaseIterable {
    /// No credentials yet: `parley handle connect` or tokens from configuration.
    case unconnected
    case connected
    /// X answered 401 or 403 to a read: someone must authorize again. Reads stop until then.
    case needsReauth = "needs_reauth"
}

/// A handle's connection to X, as the connector, `/health` and the inbox show it.
public struct XConnectionStatus: Sendable, Equatable {
    public var handleID: UUID
    public var username: String
    public var xUserID: String
    public var authState: XAuthState
    /// Why X refused, in X's words (never a token).
    public var authError: String?
    public var monthlyBudgetMicros: Int?
    public var hasCredentials: Bool
}

/// The X side of each handle: sealed credentials, auth state, budget.
public struct XConnectionQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func statuses() async throws -> [XConnectionStatus] {
        let rows = try await database.requireSQL().raw("""
            SELECT id, username, x_user_id, auth_state, auth_error, monthly_budget_micros,
                   CASE WHEN credentials IS NULL THEN 0 ELSE 1 END AS has_credentials
            FROM handles ORDER BY username
            """).all()
        return try rows.map { row in
            let state = try row.decode(column: "auth_state", as: String.self)
            guard let authState = XAuthState(rawValue: state) else {
                throw StoreError.corruptValue(table: "handles", column: "auth_state", value: state)
            }
            return XConnectionStatus(
                handleID: try row.decode(column: "id", as: UUID.self),
                username: try row.decode(column: "username", as: String.self),
                xUserID: try row.decode(column: "x_user_id", as: String.self),
                authState: authState,
                authError: try row.decode(column: "auth_error", as: String?.self),
                monthlyBudgetMicros: try row.decode(column: "monthly_budget_micros", as: Int?.self),
                hasCredentials: try row.decode(column: "has_credentials", as: Int.self) == 1)
        }
    }

    public func status(_ handleID: UUID) async throws -> XConnectionStatus? {
        try await statuses().first { $0.handleID == handleID }
    }

    /// The handle's credentials as sealed text (`TokenSealer`); only the connector opens them.
    public func sealedCredentials(_ handleID: UUID) async throws -> String? {
        let sql = try database.requireSQL()
        return try await sql.select().column("credentials").from("handles")
            .where("id", .equal, SQLValues(sql).uuid(handleID)).first()?
            .decode(column: "credentials", as: String?.self)
    }

    /// Stores new credentials (a connect, a refresh-token rotation) and marks the handle connected.
    public func storeCredentials(_ handleID: UUID, sealed: String) async throws {
        let sql = try database.requireSQL()
        try await sql.update("handles")
            .set("credentials", to: SQLBind(sealed))
            .set("auth_state", to: SQLBind(XAuthState.connected.rawValue))
            .set("auth_error", to: SQLLiteral.null)
            .where("id", .equal, SQLValues(sql).uuid(handleID)).run()
    }

    /// X refused the handle's credentials: reads stop until someone authorizes again.
    public func markNeedsReauth(_ handleID: UUID, reason: String) async throws {
        let sql = try database.requireSQL()
        try await sql.update("handles")
            .set("auth_state", to: SQLBind(XAuthState.needsReauth.rawValue))
            .set("auth_error", to: SQLBind(String(reason.prefix(500))))
            .where("id", .equal, SQLValues(sql).uuid(handleID)).run()
    }

    /// A monthly spending cap in microdollars; nil removes it.
    public func setMonthlyBudget(_ handleID: UUID, micros: Int?) async throws {
        let sql = try database.requireSQL()
        try await sql.update("handles")
            .set("monthly_budget_micros", to: micros.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .where("id", .equal, SQLValues(sql).uuid(handleID)).run()
    }

    // MARK: OAuth 2.0 authorizations in flight

    /// Keeps the PKCE verifier (sealed) under the `state` sent to X, until the callback.
    public func saveAuthorization(state: String, sealedVerifier: String, at date: Date) async throws {
        try await database.requireSQL().insert(into: "x_oauth_states")
            .columns("state", "sealed_verifier", "created_at")
            .values(SQLBind(state), SQLBind(sealedVerifier), SQLBind(date)).run()
    }

    /// Takes (and deletes) the verifier for `state` if it was saved after `notBefore`: each state works once.
    public func takeAuthorization(state: String, notBefore: Date) async throws -> String? {
        let sql = try database.requireSQL()
        let row = try await sql.select().column("sealed_verifier").column("created_at").from("x_oauth_states")
            .where("state", .equal, SQLBind(state)).first()
        try await sql.delete(from: "x_oauth_states").where("state", .equal, SQLBind(state)).run()
        try await sql.delete(from: "x_oauth_states").where("created_at", .lessThan, SQLBind(notBefore)).run()
        guard let row, try row.decode(column: "created_at", as: Date.self) >= notBefore else { return nil }
        return try row.decode(column: "sealed_verifier", as: String.self)
    }
}
