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
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user and print it (it is not shown again).")

        @OptionGroup var database: DatabaseOptions
        @Option var user: String
        @Option var name: String = "cli"

        func run() async throws {
            let token = "pk_" + Secrets.random(bytes: 24)
            try await ParleyApp.withApplication(config: try database.config()) { app in
                let users = UserQueries(database: app.db)
                guard let found = try await users.find(email: user) else { throw ValidationError("No user with email \(user).") }
                try await users.createToken(userID: found.id, token: token, name: name, at: Date(), id: UUID())
            }
            print(token)
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
