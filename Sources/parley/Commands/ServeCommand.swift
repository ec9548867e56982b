import ArgumentParser
import ParleyServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the desk: web inbox, API and workers.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (default 127.0.0.1, or HOST).") var hostname: String?
    @Option(help: "Port to listen on (default 8080, or PORT).") var port: Int?

    func run() async throws {
        let app = try await ParleyApp.make(config: try database.config(hostname: hostname, port: port))
        try await ParleyApp.serve(app)
        try await app.asyncShutdown()
    }
}
