import ArgumentParser
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyX

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Account Activity webhooks: register the desk's URL with X and subscribe handles.",
        subcommands: [Register.self, Subscribe.self, List.self])

    struct XOptions: ParsableArguments {
        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("x-base-url"), help: "A local fake X instead of X.") var xBaseURL: String?

        func withX<T: Sendable>(_ body: @escaping @Sendable (XServices) async throws -> T) async throws -> T {
            var config = try database.config()
            if let xBaseURL { config.x.use(baseURL: xBaseURL) }
            config.x.enabled = true
            return try await ParleyApp.withApplication(config: config) { app in
                guard let x = ParleyApp.xServices(for: app) else { throw ValidationError("The X connector is not configured.") }
                do {
                    return try await body(x)
                } catch let error as XAPIError {
                    throw ValidationError(error.description)
                } catch let error as XConnectorError {
                    throw ValidationError(error.description)
                }
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register the desk's public webhook URL (X checks it with a CRC challenge, so `parley serve` must be reachable there).")

        @OptionGroup var options: XOptions
        @Option(help: "The public URL of /webhooks/x, e.g. https://desk.example.com/webhooks/x.") var url: String

        func run() async throws {
            let hook = try await options.withX { x in
                try await x.api.registerWebhook(url: url, credential: try await x.credentials.app())
            }
            print("Webhook \(hook.id) registered for \(hook.url)\(hook.valid == false ? " (X reports it invalid)" : "").")
        }
    }

    struct Subscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe handles (all connected ones by default) to a webhook.")

        @OptionGroup var options: XOptions
        @Option(name: .customLong("webhook-id")) var webhookID: String
        @Option(help: "Only this handle.") var username: String?

        func run() async throws {
            let subscribed = try await options.withX { [username, webhookID] x in
                var names: [String] = []
                for status in try await x.connections.statuses() where status.hasCredentials {
                    if let username, status.username.lowercased() != username.lowercased() { continue }
                    try await x.api.subscribe(webhookID: webhookID, credential: try await x.credentials.user(status.handleID))
                    names.append(status.username)
                }
                return names
            }
            if subscribed.isEmpty { throw ValidationError("No connected handle to subscribe; run `parley handle connect` first.") }
            print("Subscribed: " + subscribed.map { "@" + $0 }.joined(separator: ", "))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the app's registered webhooks.")

        @OptionGroup var options: XOptions

        func run() async throws {
            let hooks = try await options.withX { x in try await x.api.webhooks(credential: try await x.credentials.app()) }
            if hooks.isEmpty { print("No webhook registered.") }
            for hook in hooks { print("\(hook.id)\t\(hook.url)\t\(hook.valid == false ? "invalid" : "valid")") }
        }
    }
}
