import ArgumentParser
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyX

extension HandleCommand {
    struct Connect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the X link that connects a handle (OAuth 2.0 with PKCE); `parley serve` takes the callback at /auth/x/callback.")

        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("x-base-url"), help: "A local fake X instead of X.") var xBaseURL: String?

        func run() async throws {
            var config = try database.config()
            if let xBaseURL { config.x.use(baseURL: xBaseURL) }
            config.x.enabled = true
            config.runWorkers = false
            let url = try await ParleyApp.withApplication(config: config) { app in
                guard let x = ParleyApp.xServices(for: app) else { throw ValidationError("The X connector is not configured.") }
                do {
                    return try await x.authorization.begin()
                } catch let error as XConnectorError {
                    throw ValidationError(error.description)
                }
            }
            print("Open this link as the handle's owner within 15 minutes; X sends you back to \(config.x.redirectURI):")
            print(url.absoluteString)
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens",
            abstract: "Store a handle's user-context tokens from configuration, sealed: X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET (OAuth 1.0a), or X_OAUTH2_ACCESS_TOKEN and X_OAUTH2_REFRESH_TOKEN.")

        @OptionGroup var database: DatabaseOptions
        @Option var username: String

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            var config = try database.config()
            config.x.enabled = true
            config.runWorkers = false
            try await ParleyApp.withApplication(config: config) { app in
                guard let x = ParleyApp.xServices(for: app) else { throw ValidationError("The X connector is not configured.") }
                guard let handle = Handle.named(username, in: try await HandleQueries(database: app.db).all())
                else { throw ValidationError("No handle @\(username); add it first with `parley handle add`.") }
                do {
                    try await HandleTokens.store(from: environment, for: handle.id, in: x)
                } catch let error as XConnectorError {
                    throw ValidationError(error.description)
                }
            }
            print("Tokens for @\(username) stored (sealed).")
        }
    }

    struct Budget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a handle's monthly X budget in US dollars; when reached, reads pause (sends never do). 0 or less removes it.")

        @OptionGroup var database: DatabaseOptions
        @Option var username: String
        @Option var usd: Double

        func run() async throws {
            try await ParleyApp.withApplication(config: try database.config()) { app in
                guard let handle = Handle.named(username, in: try await HandleQueries(database: app.db).all())
                else { throw ValidationError("No handle @\(username).") }
                try await XConnectionQueries(database: app.db)
                    .setMonthlyBudget(handle.id, micros: usd > 0 ? Int((usd * 1_000_000).rounded()) : nil)
            }
            print(usd > 0 ? "Monthly X budget for @\(username): $\(String(format: "%.2f", usd))." : "Budget for @\(username) removed.")
        }
    }
}

/// User-context tokens from configuration: `X_ACCESS_TOKEN` + `X_ACCESS_TOKEN_SECRET` (OAuth 1.0a),
/// or `X_OAUTH2_ACCESS_TOKEN` [+ `X_OAUTH2_REFRESH_TOKEN`].
enum HandleTokens {
    static func store(from environment: [String: String], for handleID: UUID, in x: XServices) async throws {
        if let token = environment["X_ACCESS_TOKEN"], let secret = environment["X_ACCESS_TOKEN_SECRET"] {
            try await x.credentials.storeOAuth1(token: token, secret: secret, for: handleID)
        } else if let access = environment["X_OAUTH2_ACCESS_TOKEN"] {
            // Its expiry is unknown: with a refresh token it is refreshed on first use (and rotated
            // from then on); without one it is used until X refuses it.
            let refresh = environment["X_OAUTH2_REFRESH_TOKEN"]
            try await x.credentials.store(
                XOAuth2Token(accessToken: access, refreshToken: refresh, expiresIn: refresh == nil ? nil : 0, scope: nil),
                for: handleID)
        } else {
            throw ValidationError("Set X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET, or X_OAUTH2_ACCESS_TOKEN.")
        }
    }
}
