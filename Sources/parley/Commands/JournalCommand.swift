import ArgumentParser
import ParleyServer
import ParleyStore

struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Work with the journal of raw events.", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Wipe the tables derived from the journal and rebuild them by processing it again.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let processed = try await ParleyApp.withApplication(config: try database.config()) { app in
                try await IngestStore(database: app.db).withIngestTransaction { store in
                    try await store.resetDerivedTables()
                }
                return try await ParleyApp.processor(for: app).drain()
            }
            print("Rebuilt from \(processed) journal events.")
        }
    }
}
