import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The history's cases as the demo's team worked them, so the reports have a week to show: each
/// case the brand answered is given to an agent of its team (by turns), and resolved 5 to 40
/// minutes after the brand's last answer when the customer had not written again within two
/// hours. Assignments go through the assign action; resolutions are journaled desk actions at
/// those times, as an agent's would be.
public enum DemoHistory {
    public static func seed(_ app: Application, admin: DeskUser, now: Date) async throws {
        let cases = try await ReportQueries(database: app.db).cases(from: .distantPast, to: now, policies: [])
        let agents = try await AgentQueries(database: app.db).profiles()
        var members: [UUID: [UUID]] = [:]
        for team in try await TeamQueries(database: app.db).all() {
            members[team.id] = try await AgentQueries(database: app.db).profiles(teamID: team.id).map(\.id).sorted { $0.uuidString < $1.uuidString }
        }
        let everyone = agents.map(\.id).sorted { $0.uuidString < $1.uuidString }
        let ingestor = ParleyApp.ingestor(for: app)
        var turn = 0
        for report in cases where report.timeline.firstResponseAt != nil {
            var owner = report.assigneeID
            if owner == nil {
                let pool = report.teamID.flatMap { members[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? everyone
                guard !pool.isEmpty else { continue }
                owner = pool[turn % pool.count]
                turn += 1
                try await app.actions.assign.run(report.id, to: owner, by: admin)
            }
            let sorted = report.timeline.messages.sorted { $0.at < $1.at }
            guard let last = sorted.last, last.fromBrand, now.timeIntervalSince(last.at) > 2 * 3_600 else { continue }
            let delay = TimeInterval(5 + Int(report.id.uuid.15) % 36) * 60
            try await ingestor.record(DeskAction(kind: .resolve, conversationID: report.id, userID: owner, at: last.at.addingTimeInterval(delay)))
        }
        try await ParleyApp.processor(for: app).drain()
    }
}
