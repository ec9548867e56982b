import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
@testable import ParleyServer

/// The response-time report over a store filled by replaying X payloads: the messages' own times
/// count (not when they were replayed), the period is by a case's first message, trolls are out.
@Suite(.serialized) struct ReportQueriesTests {
    static let reply = #"{"data":{"id":"5002","text":"@casey so sorry, checking now","author_id":"100","created_at":"2026-11-25T10:10:00.000Z","conversation_id":"5001","in_reply_to_user_id":"900","referenced_tweets":[{"type":"replied_to","id":"5001"}],"edit_history_tweet_ids":["5002"]}}"#
    static let troll = #"{"data":{"id":"5003","text":"@AcmeCare you are all useless idiots","author_id":"901","created_at":"2026-11-25T11:00:00.000Z","conversation_id":"5003","edit_history_tweet_ids":["5003"],"entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare","id":"100"}]}},"includes":{"users":[{"id":"901","name":"Troll","username":"troll"}]}}"#
    static let later = #"{"data":{"id":"5004","text":"@AcmeCare where is my refund","author_id":"902","created_at":"2026-11-27T09:00:00.000Z","conversation_id":"5004","edit_history_tweet_ids":["5004"],"entities":{"mentions":[{"start":0,"end":9,"username":"AcmeCare","id":"100"}]}},"includes":{"users":[{"id":"902","name":"Rae","username":"rae"}]}}"#

    @Test func theReportReadsTheMessagesOwnTimesAndLeavesTrollsOut() async throws {
        try await withTestApp { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            _ = try await replayMax(app, [ReplyLoopTests.customerPost, Self.reply, Self.troll, Self.later].map { Data($0.utf8) })
            let queries = ReportQueries(database: app.db)
            let day = try Date("2026-11-25T00:00:00Z", strategy: .iso8601)
            #expect(try await queries.timelines(from: day, to: day.addingTimeInterval(86_400)).count == 2)
            let trollCase = StableID.make("conversation", StableID.make("handle", "100").uuidString, "5003")
            try await app.actions.trolls.ignore(trollCase, by: nil)
            let report = ResponseTimeReport(try await queries.timelines(from: day, to: day.addingTimeInterval(86_400)))
            #expect(report.conversations == 1)
            #expect(report.firstResponse.answered == 1 && report.firstResponse.medianSeconds == 600)
            let all = ResponseTimeReport(try await queries.timelines(from: .distantPast, to: .distantFuture))
            #expect(all.conversations == 2 && all.firstResponse.unanswered == 1)
        }
    }

    /// The timeline the planner keeps on each case is the one the migration packs from the
    /// stored messages: an upgraded store and a new one report the same.
    @Test func thePlannersTimelineIsTheOneTheMessagesGive() async throws {
        try await withTestApp { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            // The brand's reply arrives before the post it answers.
            _ = try await replayMax(app, [Self.reply, ReplyLoopTests.customerPost, Self.later].map { Data($0.utf8) })
            let sql = try app.db.requireSQL()
            func timelines() async throws -> [String: ConversationTimeline] {
                var result: [String: ConversationTimeline] = [:]
                for row in try await sql.raw("SELECT id, timeline FROM conversations").all() {
                    result[try row.decode(column: "id", as: String.self)] = ConversationTimeline(packed: try row.decode(column: "timeline", as: String.self))
                }
                return result
            }
            let planned = try await timelines()
            #expect(planned.count == 2)
            #expect(planned.values.map(\.entries.count).sorted() == [1, 2])
            #expect(planned.values.contains { $0.entries.map(\.kind) == [.mention, .ownPost] && $0.firstCustomer?.intent != nil })
            try await ReportQueries(database: app.db).fillTimelines()
            #expect(try await timelines() == planned)
        }
    }
}
