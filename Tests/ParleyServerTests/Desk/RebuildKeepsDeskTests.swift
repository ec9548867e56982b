import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// `parley journal rebuild` derives again what the journal owns and keeps what the desk owns:
/// assignments, teams, tags, notes, overrides, SLA clocks and the audit trail.
@Suite(.serialized) struct RebuildKeepsDeskTests {
    /// Everything the desk knows of the cases, as text to compare.
    func deskSnapshot(_ app: Application, _ ids: [UUID]) async throws -> [String] {
        var lines: [String] = []
        let fields = try await DeskFieldsQueries(database: app.db).fields(ids)
        for id in ids {
            let f = try #require(fields[id])
            let c = try #require(try await ConversationQueries(database: app.db).find(id))
            lines.append("\(id) assignee=\(f.assigneeID?.uuidString ?? "-") team=\(f.teamID?.uuidString ?? "-") "
                + "override=\(f.priorityOverride.map(String.init) ?? "-") sla=\(f.slaStatus) "
                + "due=\(f.firstResponseDueAt.map { "\($0.timeIntervalSince1970)" } ?? "-") state=\(c.state) priority=\(c.priority)")
            lines.append("tags \(try await TagQueries(database: app.db).tags(of: id))")
            lines += try await NoteQueries(database: app.db).notes(id).map { "note \($0.id) \($0.body)" }
            lines += try await AuditQueries(database: app.db).trail(id).map { "audit \($0.id) \($0.action) \($0.detail)" }
        }
        let routed = try await app.db.requireSQL().raw("SELECT COUNT(*) AS n FROM conversations WHERE routed_at IS NOT NULL").first()?
            .decode(column: "n", as: Int.self)
        lines.append("routed \(routed ?? -1)")
        return lines
    }

    func rebuildKeepsTheDesk(_ database: DatabaseChoice?) async throws {
        try await withTestApp(database: database, configure: { $0.desk.slaRefresh = 0 }) { app, clock in
            let (urgent, calm) = try await EffectivePriorityTests().seed(app, clock: clock)
            let agents = try await DeskFixtures.agents(app, [(5, .online)])
            let team = try await DeskFixtures.team(app, agents)
            try await RoutingQueries(database: app.db).markRouted(urgent, team: team, skills: ["billing"], at: clock.now)
            try await AssignmentQueries(database: app.db).assign(urgent, to: agents[0].id, by: nil, action: .assigned, at: clock.now, newID: UUID())
            _ = try await TagQueries(database: app.db).add(["vip", "billing"], to: urgent)
            try await NoteQueries(database: app.db).add(id: UUID(), conversationID: urgent, authorID: agents[0].id, body: "called them", at: clock.now)
            try await DeskFieldsQueries(database: app.db).setPriorityOverride(calm, 90)
            try await SLAQueries(database: app.db).record(
                urgent, SLAStanding(firstResponseDue: clock.now.addingTimeInterval(-60), status: .breached, target: "first_response"),
                wasBreached: false, at: clock.now)
            let ids = [urgent, calm]
            let before = try await deskSnapshot(app, ids)
            let derived = try await derivedSnapshot(app)

            #expect(try await ParleyApp.rebuildFromJournal(app) == 2)
            #expect(try await derivedSnapshot(app) == derived, "the journal's part is the same")
            #expect(try await deskSnapshot(app, ids) == before, "the desk's part is kept")
            #expect(try await ConversationQueries(database: app.db).find(urgent)?.priority
                == PriorityAdjustment(slaBreached: true).effective(triage: try #require(try await ConversationQueries(database: app.db).find(urgent)).triage.priority))

            // A rebuild that stopped after setting the desk aside loses nothing when run again.
            try await JournalRebuild(database: app.db).begin()
            #expect(try await ParleyApp.rebuildFromJournal(app) == 2)
            #expect(try await deskSnapshot(app, ids) == before)
        }
    }

    @Test func aRebuildKeepsTheDeskOnSQLite() async throws {
        try await rebuildKeepsTheDesk(nil)
    }

    @Test(.enabled(if: TestDatabases.postgresEnabled, "set PARLEY_TEST_POSTGRES_URL (CI=true requires it)"))
    func aRebuildKeepsTheDeskOnPostgreSQL() async throws {
        try await rebuildKeepsTheDesk(try TestDatabases.freshPostgres())
    }
}
