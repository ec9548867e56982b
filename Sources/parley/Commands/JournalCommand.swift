import ArgumentParser
import ParleyServer

struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Work with the journal of raw events.", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild what the journal derives by processing it again; the desk's own state is kept.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let processed = try await ParleyApp.withApplication(config: try database.config()) { app in
                try await ParleyApp.rebuildFromJournal(app)
            }
            print("Rebuilt from \(processed) journal events.")
        }
    }
}
