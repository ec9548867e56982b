import ArgumentParser
import ParleyServer

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the database schema.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let config = try database.config()
        try await ParleyApp.withApplication(config: config) { _ in }
        print("Database is up to date (\(config.database.redacted)).")
    }
}
