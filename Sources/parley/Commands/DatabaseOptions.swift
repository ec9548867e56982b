import ArgumentParser
import Foundation
import ParleyServer

/// `--db PATH` (SQLite) or `DATABASE_URL` (PostgreSQL), shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file (default ./parley.sqlite; DATABASE_URL selects PostgreSQL instead).")
    var db: String?

    func config(hostname: String? = nil, port: Int? = nil) throws -> ParleyConfig {
        do {
            return try ParleyConfig.load(dbPath: db, hostname: hostname, port: port, environment: ProcessInfo.processInfo.environment)
        } catch let error as ParleyConfig.LoadError {
            throw ValidationError(error.description)
        }
    }
}
