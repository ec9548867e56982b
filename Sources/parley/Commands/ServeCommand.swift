import ArgumentParser
import ParleyServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the desk: web inbox, API and workers.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (default 127.0.0.1, or HOST).") var hostname: String?
    @Option(help: "Port to listen on (default 8080, or PORT).") var port: Int?
    @Option(name: .customLong("x-base-url"), help: "Talk to this X API instead of https://api.x.com (a local fake X); turns the connector on.")
    var xBaseURL: String?

    func run() async throws {
        var config = try database.config(hostname: hostname, port: port)
        if let xBaseURL { config.x.use(baseURL: xBaseURL) }
        let app = try await ParleyApp.make(config: config)
        try await ParleyApp.serve(app)
        try await app.asyncShutdown()
    }
}
