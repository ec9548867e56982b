import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// Two desk processes on one PostgreSQL assigning the same queue at once.
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct PostgresAssignmentTests {
    func assignProcess(url: String) throws -> Process {
        let process = Process()
        process.executableURL = try CrashRecoveryTests.parleyExecutable()
        process.arguments = ["assign", "--rounds", "12", "--batch", "50"]
        process.environment = [
            "DATABASE_URL": url, "LOG_LEVEL": "error", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    @Test func twoProcessesNeverAssignACaseTwiceNorExceedACapacity() async throws {
        let database = try TestDatabases.freshPostgres()
        guard case .postgres(let url) = database else { Issue.record("not PostgreSQL"); return }
        try await withTestApp(database: database) { app, _ in
            let agents = try await DeskFixtures.agents(app, [
                (300, .online), (250, .online), (200, .online), (150, .online), (100, .online),
            ])
            let team = try await DeskFixtures.team(app, agents)
            try await DeskFixtures.waitingCases(app, team: team, count: 1000)

            let processes = try [assignProcess(url: url), assignProcess(url: url)]
            for process in processes { try process.run() }
            for process in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }

            let sql = try app.db.requireSQL()
            let perCase = try await sql.raw("SELECT conversation_id, COUNT(*) AS n FROM audit_events WHERE action = 'assigned' GROUP BY conversation_id")
                .all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(perCase.allSatisfy { $0 == 1 }, "a case was assigned twice")
            let counts = try await AssignmentQueries(database: app.db).openCounts()
            // Capacity 1,000 in all: every case assigned once, every agent exactly full.
            #expect(perCase.count == 1000)
            #expect(counts.values.reduce(0, +) == 1000)
            for agent in agents { #expect(counts[agent.id] == agent.capacity) }
        }
    }
}
