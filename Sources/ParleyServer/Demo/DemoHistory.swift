import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The history's cases as the demo's team worked them, so the reports have a week to show: each
/// case the brand answered is given to an agent of its team (by turns), and resolved 5 to 40
/// minutes after the brand's last answer when the customer had not written again within two
/// hours; an hour later a third of their customers answer the satisfaction survey. Assignments go
/// through the assign action; resolutions are journaled desk actions at those times, as an
/// agent's would be; the surveys are written as sent then.
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
        try await surveys(app, now: now)
    }

    static let praise = ["Quick and friendly, thanks!", "Sorted in minutes.", "The agent was great, the app less so."]
    static let middling = ["Took a while but got there.", "Fine, but I had to ask twice."]
    static let unhappy = ["Still not fixed.", "Had to explain it three times."]

    /// The surveys the history's resolved cases got an hour after resolution (by DM for a DM
    /// case, else in public), about a third answered, mostly 4s and 5s.
    static func surveys(_ app: Application, now: Date) async throws {
        let queries = CSATQueries(database: app.db)
        var lastSent: [UUID: Date] = [:]
        for detail in try await resolvedCases(app) {
            let conversation = detail.conversation
            guard let resolvedAt = conversation.resolvedAt else { continue }
            let sentAt = resolvedAt.addingTimeInterval(3_600)
            guard sentAt < now, lastSent[conversation.customerID].map({ sentAt.timeIntervalSince($0) >= CSATRules.perCustomer }) ?? true else { continue }
            lastSent[conversation.customerID] = sentAt
            let bytes = conversation.id.uuid
            let answered = Int(bytes.14) % 3 == 0
            let ratings = [5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1]
            let rating = ratings[Int(bytes.13) % ratings.count]
            let pool = rating >= 4 ? praise : rating == 3 ? middling : unhappy
            let comment = Int(bytes.12) % 3 == 0 ? pool[Int(bytes.10) % pool.count] : nil
            try await queries.insert(CSATSurvey(
                id: UUID(), conversationID: conversation.id, customerID: conversation.customerID, handleID: conversation.handleID,
                token: CSATActions.token(), channel: conversation.hasDM ? .dm : .public, sentAt: sentAt,
                closesAt: sentAt.addingTimeInterval(CSATRules.openFor), rating: answered ? rating : nil, comment: answered ? comment : nil,
                answeredAt: answered ? sentAt.addingTimeInterval(TimeInterval(60 * (5 + Int(bytes.11) % 120))) : nil), outboxID: nil)
        }
    }

    static func resolvedCases(_ app: Application) async throws -> [ConversationDetail] {
        var details: [ConversationDetail] = []
        var cursor: QueueCursor?
        repeat {
            let page = try await ConversationQueries(database: app.db).page(state: .resolved, handleID: nil, limit: 200, after: cursor)
            for item in page.items {
                if let detail = try await ConversationQueries(database: app.db).detail(item.conversation.id) { details.append(detail) }
            }
            cursor = page.nextCursor
        } while cursor != nil
        return details
    }
}
