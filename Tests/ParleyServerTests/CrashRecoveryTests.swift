import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

#if canImport(Glibc)
import Glibc
#endif

/// A `parley replay` killed with SIGKILL midway and run again ends where a clean run ends.
@Suite(.serialized) struct CrashRecoveryTests {
    /// The `parley` executable SwiftPM built next to this test bundle.
    static func parleyExecutable() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("parley"),
            Bundle.main.bundleURL.appendingPathComponent("parley"),
            repositoryRoot.appendingPathComponent(".build/debug/parley"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CrashTestError.noExecutable(candidates.map(\.path))
        }
        return found
    }

    enum CrashTestError: Error { case noExecutable([String]) }

    func replayProcess(db: String) throws -> Process {
        let process = Process()
        process.executableURL = try Self.parleyExecutable()
        process.arguments = ["replay", repositoryRoot.appendingPathComponent("Resources/Demo/ibm-care-stream.jsonl").path, "--db", db, "--speed", "max"]
        process.environment = ["LOG_LEVEL": "error", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    func counts(_ db: String) async throws -> (journal: Int, pending: Int, stats: StoreStats, snapshot: [String]) {
        var result: (Int, Int, StoreStats, [String]) = (0, 0, StoreStats.empty, [])
        try await withTestApp(database: .sqlite(path: db)) { app, _ in
            let journal = try await Journal(database: app.db).counts()
            result = (journal.values.reduce(0, +), journal[.pending] ?? 0, try await StoreStats.load(from: app.db), try await derivedSnapshot(app))
        }
        return result
    }

    @Test func killedReplayRunAgainEqualsACleanRun() async throws {
        let clean = temporaryDatabasePath()
        try await withTestApp(database: .sqlite(path: clean)) { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, try demoStreamLines())
        }
        let expected = try await counts(clean)
        #expect(expected.stats.conversationsByState.values.reduce(0, +) == 1025)

        let crashed = temporaryDatabasePath()
        try await withTestApp(database: .sqlite(path: crashed)) { app, _ in try await seedDemoHandles(app) }
        let victim = try replayProcess(db: crashed)
        try victim.run()
        // Kill it as soon as the journal holds something: mid-batch, with work still pending.
        var killedMidway = false
        for _ in 0..<2000 {
            let size = (try? FileManager.default.attributesOfItem(atPath: crashed + "-wal")[.size] as? Int) ?? 0
            if size > 200_000 || !victim.isRunning { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        if victim.isRunning {
            kill(victim.processIdentifier, SIGKILL)
            killedMidway = true
        }
        victim.waitUntilExit()
        #expect(killedMidway, "the replay finished before it could be killed")
        let partial = try await counts(crashed)
        #expect(partial.stats.messagesByKind.values.reduce(0, +) < 2350)

        let rerun = try replayProcess(db: crashed)
        try rerun.run()
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let final = try await counts(crashed)
        #expect(final.pending == 0)
        #expect(final.journal == expected.journal)
        #expect(final.stats == expected.stats)
        #expect(final.snapshot == expected.snapshot)
    }
}
