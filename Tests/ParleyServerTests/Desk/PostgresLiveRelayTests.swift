import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// Live updates across processes on PostgreSQL: a notice published by one desk reaches the pages
/// of another desk on the same database (NOTIFY/LISTEN), and a desk does not get its own twice.
@Suite(.serialized, .enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
struct PostgresLiveRelayTests {
    @Test func aNoticeFromOneProcessReachesTheOthersPages() async throws {
        let database = try TestDatabases.freshPostgres()
        try await withTestApp(database: database) { first, _ in
            let second = try await ParleyApp.make(config: ParleyConfig(
                database: database, runWorkers: false, workingDirectory: repositoryRoot.path))
            do {
                try await second.asyncBoot()
                try await first.asyncBoot()
                let (_, theirs) = await second.parleyServices.hub.subscribe()
                let (_, mine) = await first.parleyServices.hub.subscribe()
                let id = UUID()
                // Until the listener is up, a notice may be missed: publish until one arrives.
                let received = try await withThrowingTaskGroup(of: ChangeNotice?.self) { group in
                    group.addTask {
                        for await notice in theirs where notice.conversationIDs == [id] { return notice }
                        return nil
                    }
                    group.addTask {
                        for _ in 0..<50 {
                            await first.parleyServices.hub.publish(ChangeNotice(conversationIDs: [id], reason: "test"))
                            try await Task.sleep(for: .milliseconds(200))
                        }
                        return nil
                    }
                    let result = try await group.next() ?? nil
                    group.cancelAll()
                    return result
                }
                #expect(received?.reason == "test")
                // The publisher's own page got each notice once, straight from its hub.
                var own = 0
                for await notice in mine where notice.conversationIDs == [id] {
                    own += 1
                    if own == 1 { break }
                }
                #expect(own == 1)
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        }
    }
}
