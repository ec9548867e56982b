import ArgumentParser
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage desk users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from PARLEY_PASSWORD or generated and printed.")

        @OptionGroup var database: DatabaseOptions
        @Option var email: String
        @Option var role: String = "agent"
        @Option var name: String?

        func run() async throws {
            guard let role = UserRole(rawValue: role) else {
                throw ValidationError("--role must be one of: \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let given = ProcessInfo.processInfo.environment["PARLEY_PASSWORD"]
            let password = given ?? Secrets.random(bytes: 12)
            let user = try await ParleyApp.withApplication(config: try database.config()) { app in
                try await ParleyApp.createUser(
                    app, email: email, name: name ?? String(email.split(separator: "@").first ?? ""), password: password, role: role)
            }
            print("Created \(user.role.rawValue) \(user.email).")
            if given == nil { print("Password: \(password)") }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens: create, list, revoke.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user and print it (it is not shown again).")

        @OptionGroup var database: DatabaseOptions
        @Option var user: String
        @Option var name: String = "cli"
        @Option(help: "Scopes: read, write, admin (an admin's token), ingest (POST /api/v1/events; an admin's token).")
        var scopes: String = "read,write"
        @Option(help: "Days until it expires (1-3650); default: never.") var expiresDays: Int?

        func run() async throws {
            let parsed: Set<TokenScope>
            do { parsed = try TokenScope.parse(scopes) } catch { throw ValidationError(error.description) }
            let secret = try await ParleyApp.withApplication(config: try database.config()) { app in
                guard let found = try await UserQueries(database: app.db).find(email: user) else { throw ValidationError("No user with email \(user).") }
                return try await ParleyApp.createToken(app, for: found, name: name, scopes: parsed, expiresInDays: expiresDays)
            }
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every API token: id, owner, name, scopes, expiry, last use, revoked.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let lines = try await ParleyApp.withApplication(config: try database.config()) { app -> [String] in
                let users = UserQueries(database: app.db)
                var lines: [String] = []
                let iso = ISO8601DateFormatter()
                for token in try await users.tokens(of: nil) {
                    let owner = try await users.find(token.userID)?.email ?? "?"
                    lines.append([token.id.uuidString.lowercased(), owner, token.name, TokenScope.text(token.scopes),
                                  token.expiresAt.map { "expires " + iso.string(from: $0) } ?? "no expiry",
                                  token.lastUsedAt.map { "used " + iso.string(from: $0) } ?? "never used",
                                  token.revokedAt.map { "revoked " + iso.string(from: $0) } ?? "active"].joined(separator: "\t"))
                }
                return lines
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id (from `parley token list`).")

        @OptionGroup var database: DatabaseOptions
        @Argument var id: String

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("'\(id)' is not a token id.") }
            try await ParleyApp.withApplication(config: try database.config()) { app in
                guard try await UserQueries(database: app.db).token(uuid) != nil else { throw ValidationError("No token \(id).") }
                try await ParleyApp.revokeToken(app, uuid)
            }
            print("revoked \(id)")
        }
    }
}

enum Secrets {
    /// URL-safe random text from the system's secure generator.
    static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
