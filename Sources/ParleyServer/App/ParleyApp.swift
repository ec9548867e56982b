import Fluent
import Foundation
import Logging
import ParleyCore
import ParleyStore
import Vapor

/// Builds and runs the application for the command line.
public enum ParleyApp {
    /// A configured application (migrated, routes registered, workers if the config asks).
    public static func make(config: ParleyConfig, effects: Effects = .live) async throws -> Application {
        // Vapor must not parse our command line: it belongs to `parley`'s own commands.
        let app = try await Application.make(Environment(name: "production", arguments: ["parley"]))
        do {
            try await configure(app, config: config, effects: effects)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Runs `body` with an application that has no workers and no server, then shuts it down.
    public static func withApplication<T: Sendable>(
        config: ParleyConfig, _ body: @Sendable (Application) async throws -> T
    ) async throws -> T {
        var config = config
        config.runWorkers = false
        let app = try await make(config: config)
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Serves HTTP until the process is interrupted.
    public static func serve(_ app: Application) async throws {
        app.environment.arguments = ["parley", "serve"]
        try await app.execute()
    }

    public static func processor(for app: Application, batchSize: Int = 500) -> IngestProcessor {
        app.parleyServices.processor(database: app.db, batchSize: batchSize)
    }

    /// Rebuilds everything the journal derives by processing it again, keeping the desk's own
    /// state (assignments, teams, overrides, SLA clocks, tags, notes, the audit trail). Returns
    /// how many events were processed.
    public static func rebuildFromJournal(_ app: Application) async throws -> Int {
        let rebuild = JournalRebuild(database: app.db)
        try await rebuild.begin()
        let processed = try await processor(for: app).drain()
        try await rebuild.finish()
        return processed
    }

    /// The desk's background pass over this application's database.
    public static func deskWorker(for app: Application) -> DeskWorker {
        DeskWorker(context: app.actions.context, settings: app.parleyServices.config.desk)
    }

    /// The jobs table's runner over this application's database.
    public static func jobRunner(for app: Application) -> JobRunner {
        ParleyServer.jobRunner(database: app.db, services: app.parleyServices)
    }

    /// The X connector's parts, when it is on.
    public static func xServices(for app: Application) -> XServices? {
        app.parleyServices.x
    }

    public static func ingestor(for app: Application) -> Ingestor {
        app.parleyServices.ingestor(database: app.db)
    }

    /// Hashes a password the way the login form checks it.
    public static func hashPassword(_ password: String, on app: Application) throws -> String {
        try app.password.hash(password)
    }

    /// Creates a desk user (the operator's `parley user create`), under the admin page's rules.
    public static func createUser(_ app: Application, email: String, name: String, password: String, role: UserRole) async throws -> DeskUser {
        let hasher = app.password
        return try await app.actions.agents.create(email: email, name: name, password: password, role: role) { try hasher.hash($0) }
    }

    /// A handle's publishing settings (the operator's `parley handle add`), under the admin page's rules.
    @discardableResult
    public static func setPublishing(_ app: Application, handleID: UUID, verified: Bool, answerFrom: UUID?, limits: PostingLimits?) async throws -> Handle {
        try await app.actions.handleSettings.setPublishing(handleID, verified: verified, answerFrom: answerFrom, limits: limits)
    }

    /// An API token for a user (the operator's `parley token create`), under the API's rules as
    /// the user themself; returns the secret, shown once.
    public static func createToken(_ app: Application, for user: DeskUser, name: String, scopes: Set<TokenScope>, expiresInDays: Int?) async throws -> String {
        try await app.actions.tokens.create(for: user.id, name: name, scopes: scopes, expiresInDays: expiresInDays, by: user).secret
    }

    /// Revokes an API token (the operator's `parley token revoke`).
    public static func revokeToken(_ app: Application, _ id: UUID) async throws {
        try await UserQueries(database: app.db).revokeToken(id, at: app.parleyServices.effects.now())
    }
}
