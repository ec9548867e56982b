import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import ParleyStore

/// The store on a fresh, migrated SQLite file, with no web server: FluentKit alone.
func withStore(_ body: (any Database) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let threadPool = NIOThreadPool(numberOfThreads: 1)
    threadPool.start()
    let databases = Databases(threadPool: threadPool, on: MultiThreadedEventLoopGroup.singleton)
    databases.use(.sqlite(.file(dir.appendingPathComponent("store.sqlite").path)), as: .sqlite)
    let logger = Logger(label: "parley.store-tests")
    let migrations = Migrations()
    migrations.add(ParleyMigrations.all)
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: databases.eventLoopGroup.any())
    do {
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        let database = try require(databases.database(logger: logger, on: databases.eventLoopGroup.any()))
        try await body(database)
    } catch {
        await databases.shutdownAsync()
        try await threadPool.shutdownGracefully()
        throw error
    }
    await databases.shutdownAsync()
    try await threadPool.shutdownGracefully()
}

struct MissingDatabase: Error {}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingDatabase() }
    return value
}
