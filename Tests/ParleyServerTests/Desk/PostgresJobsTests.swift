import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

/// Workers leasing from one jobs table on PostgreSQL at once take different jobs (SKIP LOCKED).
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct PostgresJobsTests {
    @Test func concurrentWorkersLeaseEveryJobExactlyOnce() async throws {
        try await withTestApp(database: try TestDatabases.freshPostgres()) { app, clock in
            let jobs = JobQueries(database: app.db)
            for n in 0..<400 {
                try await jobs.enqueue(Job(
                    id: UUID(), kind: .slaAlert, payload: "{}", dueAt: clock.now.addingTimeInterval(Double(-n)), createdAt: clock.now))
            }
            let now = clock.now
            let leased = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let batch = try await jobs.lease(owner: "w\(worker)", now: now, until: now.addingTimeInterval(60), limit: 7)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            #expect(leased.count == 400)
            #expect(Set(leased).count == 400, "a job was leased twice")
        }
    }
}
