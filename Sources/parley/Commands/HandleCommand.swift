import ArgumentParser
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyX

struct HandleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handle", abstract: "Manage the brand's X accounts.", subcommands: [Add.self, Import.self, List.self, Connect.self, Tokens.self, Budget.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add (or update) a handle.")

        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("x-user-id")) var xUserID: String
        @Option var username: String
        @Option var name: String?
        @Option var role: String = "care"
        @Option(help: "Brand terms said without the handle, comma-separated.") var terms: String = ""
        @Flag(help: "X has not verified the account: X's lower limits apply (50 original posts and 200 replies a day).")
        var unverified = false
        @Option(name: .customLong("answer-from"), help: "For a marketing handle: the care handle (@username) its mentions are answered from.")
        var answerFrom: String?

        func run() async throws {
            guard let role = HandleRole(rawValue: role) else { throw ValidationError("--role must be care or marketing.") }
            guard !xUserID.isEmpty, xUserID.allSatisfy(\.isNumber) else { throw ValidationError("--x-user-id must be X's numeric user id.") }
            let handle = Handle(
                id: StableID.make("handle", xUserID), xUserID: xUserID, username: username, name: name ?? username, role: role,
                terms: terms.commaSeparatedItems)
            let environment = ProcessInfo.processInfo.environment
            let hasTokens = environment["X_ACCESS_TOKEN"] != nil || environment["X_OAUTH2_ACCESS_TOKEN"] != nil
            var config = try database.config()
            if hasTokens {
                // Refuse before writing anything: tokens are never stored unsealed.
                guard config.x.tokenKey != nil else { throw ValidationError(XConnectorError.noTokenKey.description) }
                config.x.enabled = true
            }
            try await ParleyApp.withApplication(config: config) { app in
                let saved = try await HandleQueries(database: app.db).upsert(handle)
                var answering: UUID?
                if let answerFrom {
                    guard let care = Handle.named(answerFrom, in: try await HandleQueries(database: app.db).all()) else {
                        throw ValidationError("--answer-from: no handle @\(answerFrom).")
                    }
                    answering = care.id
                }
                do {
                    try await ParleyApp.setPublishing(
                        app, handleID: saved.id, verified: !unverified, answerFrom: answering, limits: saved.postingLimitsOverride)
                } catch let error as DeskError {
                    throw ValidationError(error.description)
                }
                if hasTokens {
                    guard let x = ParleyApp.xServices(for: app) else { throw ValidationError("The X connector is not configured.") }
                    do {
                        try await HandleTokens.store(from: environment, for: handle.id, in: x)
                    } catch let error as XConnectorError {
                        throw ValidationError(error.description)
                    }
                }
            }
            print("Handle @\(handle.username) (\(role.rawValue)) saved\(hasTokens ? ", with its X tokens from the environment (sealed)" : "").")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the handles listed in a JSON file.")

        @OptionGroup var database: DatabaseOptions
        @Argument var file: String

        func run() async throws {
            let handles = try HandleFile.load(try Data(contentsOf: URL(fileURLWithPath: file)))
            try await ParleyApp.withApplication(config: try database.config()) { app in
                for handle in handles { try await HandleQueries(database: app.db).upsert(handle) }
            }
            print("Imported \(handles.count) handles.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the handles.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let handles = try await ParleyApp.withApplication(config: try database.config()) { app in
                try await HandleQueries(database: app.db).all()
            }
            let statuses = try await ParleyApp.withApplication(config: try database.config()) { app in
                try await XConnectionQueries(database: app.db).statuses()
            }
            for handle in handles {
                let state = statuses.first { $0.handleID == handle.id }?.authState.rawValue ?? "unconnected"
                print("@\(handle.username)\t\(handle.role.rawValue)\t\(handle.xUserID)\tX: \(state)\t\(handle.terms.joined(separator: ", "))")
            }
        }
    }
}
