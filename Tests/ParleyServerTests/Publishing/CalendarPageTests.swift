import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The calendar's forms go through the same actions as the API; the crisis banner shows on every page.
@Suite(.serialized) struct CalendarPageTests: HTTPTestHelpers {
    @Test func aPostIsScheduledApprovedAndShownAndCrisisModeBannersEveryPage() async throws {
        try await withTestApp { app, clock in
            let news = try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "300"), xUserID: "300", username: "AcmeNews", name: "Acme News", role: .marketing, terms: []))
            _ = try await makeAgent(app, email: "priya@example.com", role: .supervisor)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "priya@example.com")
            let utc = TimeZone(identifier: "UTC")!
            let when = ScheduledPostRules.local(clock.now.addingTimeInterval(7_200), in: utc)

            // A time in the past comes back as the notice, with the text kept.
            let refused = try await form(app, "calendar/posts", session, [
                "csrf": csrf, "handle": news.id.uuidString, "text": "Winter sale <b>now</b>",
                "local_time": ScheduledPostRules.local(clock.now.addingTimeInterval(-600), in: utc), "time_zone": "UTC", "submit": "1",
            ])
            #expect(refused.contains("has passed"))
            #expect(refused.contains("text=Winter sale <b>now</b>"))

            _ = try await form(app, "calendar/posts", session, [
                "csrf": csrf, "handle": news.id.uuidString, "text": "Winter sale <b>now</b>", "local_time": when, "time_zone": "UTC", "submit": "1",
            ])
            let post = try #require(try await ScheduledPostQueries(database: app.db).list(.init()).first)
            #expect(post.state == .awaitingApproval)
            _ = try await form(app, "calendar/posts/\(post.id)/approve", session, ["csrf": csrf])
            #expect(try await ScheduledPostQueries(database: app.db).find(post.id)?.state == .scheduled)

            let calendar = try await page(app, "calendar?week=\(when.prefix(10))", session)
            #expect(calendar.contains("Winter sale &lt;b&gt;now&lt;/b&gt;"))
            #expect(!calendar.contains("<b>now</b>"))
            #expect(calendar.contains("@AcmeNews"))
            #expect(calendar.contains("posts left today"))

            let on = try await form(app, "crisis", session, ["csrf": csrf, "reason": "Login outage <script>"])
            #expect(on.contains("Crisis mode is on"))
            for path in ["inbox", "calendar", "dashboard", "search"] {
                let body = try await page(app, path, session)
                #expect(body.contains("id=\"crisis-banner\""), "\(path)")
                #expect(body.contains("Login outage &lt;script&gt;"), "\(path)")
            }
            #expect(try await page(app, "calendar?week=\(when.prefix(10))", session).contains("paused by crisis mode"))
            let off = try await form(app, "crisis/end", session, ["csrf": csrf])
            #expect(off.contains("Crisis mode is off"))
            #expect(!(try await page(app, "inbox", session)).contains("id=\"crisis-banner\""))
        }
    }
}

/// An admin sets a handle's publishing: verification, the care handle it is answered from, its own limits.
@Suite(.serialized) struct PublishingSettingsTests {
    @Test func anAdminSetsLimitsAndTheAnswerFromHandle() async throws {
        try await withTestApp { app, _ in
            let care = try await HandleQueries(database: app.db).upsert(Handle(
                id: UUID(), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let news = try await HandleQueries(database: app.db).upsert(Handle(
                id: UUID(), xUserID: "300", username: "AcmeNews", name: "Acme News", role: .marketing, terms: []))
            let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
            let agent = try await makeAgent(app, email: "sam@example.com", role: .agent)
            func put(_ body: String, _ headers: HTTPHeaders) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(.PUT, "/api/v1/handles/AcmeNews/publishing", headers: headers, beforeRequest: { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: body)
                }, afterResponse: { res in result = (res.status, res.body.string) })
                return result
            }
            #expect(try await put(#"{"verified": false}"#, agent).0 == .forbidden)
            #expect(try await put(#"{"verified": false, "answer_from": "@AcmeNews"}"#, admin).0 == .badRequest)
            #expect(try await put(#"{"verified": false, "limts": null}"#, admin).0 == .badRequest)
            #expect(try await put(#"{"verified": false, "limits": {"posts_per_day": -1, "posts_per_half_hour": 5, "dms_per_day": 5}}"#, admin).0 == .badRequest)
            let (status, body) = try await put(
                #"{"verified": false, "answer_from": "AcmeCare", "limits": {"posts_per_day": 100, "posts_per_half_hour": 10, "dms_per_day": 20, "original_posts_per_day": 5}}"#, admin)
            #expect(status == .ok)
            #expect(body.contains(#""answer_from":"@AcmeCare""#))
            let saved = try #require(try await HandleQueries(database: app.db).find(news.id))
            #expect(saved.answerFromHandleID == care.id)
            #expect(saved.postingLimits.originalsPerDay == 5)
            #expect(saved.postingLimits.postsPerHalfHour == 10)
            #expect(!saved.verified)
        }
    }
}
