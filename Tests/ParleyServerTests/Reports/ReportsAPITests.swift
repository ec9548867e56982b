import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The reports over a store filled by replaying X payloads: the API's JSON and CSV, its refusals,
/// and the page, whose cards are its tables' total rows.
@Suite(.serialized) struct ReportsAPITests: HTTPTestHelpers {
    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    func seed(_ app: Application) async throws {
        try await HandleQueries(database: app.db).upsert(Handle(
            id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
        _ = try await app.actions.slaPolicies.save(
            SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, calendar: try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil)),
            handleID: nil, minPriority: 0)
        // 25 Nov 10:00 a post answered at 10:10; 27 Nov 09:00 a post nobody answers.
        _ = try await replayMax(app, [ReplyLoopTests.customerPost, ReportQueriesTests.reply, ReportQueriesTests.later].map { Data($0.utf8) })
    }

    @Test func jsonAndCSVFromOneLoadAndTheirRefusals() async throws {
        try await withTestApp(clock: TestClock(Self.utc("2026-11-28T00:00:00Z"))) { app, _ in
            try await seed(app)
            let supervisor = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            let query = "from=2026-11-25&to=2026-11-27&group_by=day&tz=UTC"
            let times = try await json(app, .GET, "/api/v1/reports/response-times?\(query)", supervisor, status: .ok)
            #expect(times["report"] as? String == "response-times" && times["tz"] as? String == "UTC" && times["group_by"] as? String == "day")
            let total = try #require(times["total"] as? [String: Any])
            #expect(total["conversations"] as? Int == 2)
            let first = try #require(total["first_response"] as? [String: Any])
            #expect(first["answered"] as? Int == 1 && first["unanswered"] as? Int == 1 && first["median_seconds"] as? Double == 600)
            let business = try #require(first["business"] as? [String: Any])
            #expect(business["median_seconds"] as? Double == 600)  // around the clock: the same
            let groups = try #require(times["groups"] as? [[String: Any]])
            #expect(groups.map { $0["key"] as? String } == ["2026-11-25", "2026-11-26", "2026-11-27"])
            #expect(groups.map { $0["conversations"] as? Int } == [1, 0, 1])

            let sla = try #require(try await json(app, .GET, "/api/v1/reports/sla?\(query)", supervisor, status: .ok)["total"] as? [String: Any])
            #expect(sla["met"] as? Int == 1 && sla["breached"] as? Int == 1 && sla["attainment"] as? Double == 0.5)
            let volume = try #require(try await json(app, .GET, "/api/v1/reports/volume?\(query)", supervisor, status: .ok)["groups"] as? [[String: Any]])
            #expect(volume.map { $0["customer_messages"] as? Int } == [1, 0, 1] && volume.map { $0["backlog"] as? Int } == [1, 1, 2])

            let csv = try await get(app, "/api/v1/reports/response-times?\(query)&format=csv", headers: supervisor)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"parley-response-times-2026-11-25-to-2026-11-27-by-day.csv\"")
            let lines = csv.body.components(separatedBy: "\r\n")
            #expect(lines[0] == ResponseTimesTable.csvColumns.joined(separator: ","))
            #expect(lines[1].hasPrefix("total,All cases,2,1,1,600.0,600.0,600.0,"))
            #expect(lines.count == 6)  // header, total, three days, and the final line break

            for (bad, says) in [("group_by=author", "group_by must be one of"), ("tz=Mars/Olympus", "tz must be an IANA"),
                                ("from=2026-11-27&to=2026-11-25", "from must be before to"), ("from=yesterday", "from must be"),
                                ("from=2025-01-01&to=2026-11-27", "at most 400 days"), ("format=xml", "format must be")] {
                let refused = try await json(app, .GET, "/api/v1/reports/sla?\(bad)", supervisor, status: .badRequest)
                let message = (refused["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains(says), "\(bad): \(refused)")
            }
            let agent = try await makeAgent(app, email: "agent@example.com", role: .agent)
            _ = try await json(app, .GET, "/api/v1/reports/agents", agent, status: .forbidden)
        }
    }

    /// The page's cards are the tables' total rows, days in the zone asked for.
    @Test func thePagesCardsAreItsTablesTotals() async throws {
        try await withTestApp(clock: TestClock(Self.utc("2026-11-28T00:00:00Z"))) { app, _ in
            try await seed(app)
            _ = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            let session = try await RoleDenialTests().signIn(app, email: "sup@example.com").headers
            let html = try await page(app, "/reports?from=2026-11-25&to=2026-11-27&tz=Europe/Berlin", session)
            func card(_ id: String) -> String? {
                html.range(of: "id=\"\(id)\"").flatMap { start in
                    html[start.upperBound...].range(of: "<p class=\"figure\">").flatMap { open in
                        html[open.upperBound...].range(of: "</p>").map { String(html[open.upperBound..<$0.lowerBound]) }
                    }
                }
            }
            #expect(card("card-conversations") == "2")
            #expect(card("card-first-response") == "10 min")
            #expect(card("card-sla") == "50.0%")
            #expect(html.contains("<tr class=\"total\"><th scope=\"row\">All cases</th><td>2</td><td>10 min</td>"))
            #expect(html.contains("days in Europe/Berlin"))
            #expect(html.components(separatedBy: "<svg").count == 4)
            // Three days are charted by the hour.
            #expect(html.contains("<title id=\"chart-volume-title\">Cases opened per hour, and open cases at its end</title>"))
            // An agent is refused the page.
            _ = try await makeAgent(app, email: "ana@example.com", role: .agent)
            let agent = try await RoleDenialTests().signIn(app, email: "ana@example.com").headers
            _ = try await page(app, "/reports", agent, status: .forbidden)
        }
    }
}

/// The topics export and page over replayed posts.
@Suite(.serialized) struct TopicsAPITests: HTTPTestHelpers {
    @Test func topicsAsJSONCSVAndAPage() async throws {
        try await withTestApp(clock: TestClock(try Date("2026-11-28T00:00:00Z", strategy: .iso8601))) { app, _ in
            try await ReportsAPITests().seed(app)
            let supervisor = try await makeAgent(app, email: "sup@example.com", role: .supervisor)
            let digest = try await json(app, .GET, "/api/v1/topics?days=7&handle=AcmeCare", supervisor, status: .ok)
            #expect(digest["messages"] as? Int == 2)
            let topics = try #require(digest["topics"] as? [[String: Any]])
            #expect(topics.count == 2 && topics.allSatisfy { $0["handle"] as? String == "AcmeCare" })
            let csv = try await get(app, "/api/v1/topics?days=7&format=csv", headers: supervisor)
            #expect(csv.body.hasPrefix("handle,topic,messages,cases,last_24h,trending,bugs,suggestions,first_seen,last_seen,sample\r\n"))
            #expect(csv.body.components(separatedBy: "\r\n").count == 4)
            _ = try await json(app, .GET, "/api/v1/topics?days=90", supervisor, status: .badRequest)
            let session = try await RoleDenialTests().signIn(app, email: "sup@example.com").headers
            let html = try await page(app, "/topics", session)
            #expect(html.contains("2 customer messages in the last 7 days"))
            #expect(html.contains("0 of them in 0 topics of two or more") && html.contains("href=\"/api/v1/topics?days=7&amp;format=csv\""))
        }
    }
}
