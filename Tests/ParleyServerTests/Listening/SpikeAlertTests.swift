import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// From ingest to alert: posts are counted into 5-minute buckets per handle, term and hashtag;
/// similar complaints become one emerging issue named by its words; a burst of them raises one
/// alert, once, however many watchers look.
@Suite(.serialized) struct SpikeAlertTests {
    static let background = [
        "Can I change the email on my subscription?", "Loving the new playlist feature, thanks!",
        "How do I download podcasts for offline listening?", "My family plan invite never arrived",
        "Is there a student discount in Canada?", "The shuffle on my car stereo repeats the same songs",
        "Where can I see my listening history?", "Can't find the sleep timer on Android",
    ]
    static let outage = [
        "The app crashes at login again", "app keeps crashing when I try to login", "Login crashes the app on my iPhone #outage",
        "every time I login the app crashes", "crashes at login, reinstalled twice", "app crashed on login screen, what is going on",
    ]

    struct Feed {
        let app: Application
        let clock: TestClock
        let handle: Handle
        var next = 1_000

        mutating func post(_ text: String, at: Date) async throws {
            next += 1
            let author = "9\(next % 997)"
            let line = XPostEncoder.v2StreamLine(
                id: "\(next)", text: "@\(handle.username) \(text)", authorID: author, createdAt: at, conversationID: nil,
                inReplyToPostID: nil, inReplyToUserID: handle.xUserID,
                author: InboundUser(id: author, username: "fan\(next)", name: "Fan \(next)"))
            _ = try await ParleyApp.ingestor(for: app).receive([RawEvent(source: .replay, externalID: "\(next)", payload: line, receivedAt: at)])
        }
    }

    @Test func aBurstOfSimilarComplaintsRaisesOneAlertNamingItsIssue() async throws {
        // Wednesday 2026-12-02 00:00 UTC.
        let clock = TestClock(Date(timeIntervalSince1970: 1_796_169_600))
        try await withTestApp(clock: clock) { app, clock in
            let handle = try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "SpotifyCares", name: "Spotify Cares", role: .care,
                terms: ["spotify"]))
            var feed = Feed(app: app, clock: clock, handle: handle)
            let processor = ParleyApp.processor(for: app)
            let context = ActionContext(services: app.parleyServices, database: app.db)
            // Two days of ordinary traffic: one or two posts every ten minutes.
            for k in 0..<288 {
                let at = clock.now.addingTimeInterval(Double(k) * 600)
                try await feed.post(Self.background[k % Self.background.count] + (k % 3 == 0 ? " spotify" : ""), at: at)
                if k % 4 == 0 { try await feed.post(Self.background[(k + 3) % Self.background.count], at: at.addingTimeInterval(120)) }
            }
            try await processor.drain()
            clock.advance(by: 2 * 86_400)
            #expect(try await SpikeWatcher(context: context).runOnce().isEmpty)

            // The outage: 36 reports of the same crash in ten minutes.
            let start = clock.now
            for k in 0..<36 { try await feed.post(Self.outage[k % Self.outage.count], at: start.addingTimeInterval(Double(k) * 16)) }
            try await processor.drain()
            clock.advance(by: 600)
            let raised = try await SpikeWatcher(context: context).runOnce()
            let issueAlert = try #require(raised.first { $0.series.kind == .issue })
            #expect(issueAlert.headline.contains("Emerging issue"))
            #expect(issueAlert.headline.contains("crash"))
            #expect(raised.count <= 2)
            #expect(issueAlert.headline.contains("login"))
            #expect(issueAlert.headline.contains("@SpotifyCares"))
            #expect(issueAlert.last15Minutes >= 15)
            let issueID = try #require(issueAlert.issueID)
            let issue = try #require(try await ListeningQueries(database: app.db).issue(issueID))
            #expect(issue.size >= 30)
            #expect(Set(issue.topWords.prefix(3)).isSuperset(of: ["crash", "login"]))
            // The background questions did not join it.
            #expect(issue.size <= 36)

            // Another pass, and a second process's watcher, add nothing; the webhook job is one.
            #expect(try await SpikeWatcher(context: context).runOnce().isEmpty)
            clock.advance(by: 300)
            #expect(try await SpikeWatcher(context: ActionContext(services: app.parleyServices, database: app.db)).runOnce().isEmpty)
            let jobs = try await JobQueries(database: app.db).all(kind: .spikeAlert)
            #expect(jobs.count == raised.count)
            #expect(!jobs.contains { $0.payload.contains("reinstalled") })

            // The hashtag and the handle have their series too.
            let since = start.addingTimeInterval(-60)
            let hashtag = try await ListeningQueries(database: app.db).buckets(VolumeSeriesKey(.hashtag, "outage"), since: since)
            #expect(hashtag.reduce(0) { $0 + $1.count } == 6)
            let perHandle = try await ListeningQueries(database: app.db).buckets(VolumeSeriesKey(.handle, handle.id.uuidString), since: since)
            #expect(perHandle.reduce(0) { $0 + $1.count } == 36)

            // The listening page: the alert, the issue with its line, the hashtag; the banner on every page.
            _ = try await makeAgent(app, email: "sam@example.com", role: .agent)
            let (session, _) = try await RoleDenialTests().signIn(app, email: "sam@example.com")
            try await app.testing().test(.GET, "listening", headers: session, afterResponse: { res throws in
                let page = res.body.string
                #expect(res.status == .ok)
                #expect(page.contains("Emerging issue “crashes · login · app”"))
                #expect(page.contains("<svg class=\"sparkline\" role=\"img\" aria-label=\"“crashes · login · app”: 36 posts in the last 24 hours"))
                #expect(page.contains("#outage"))
            })
            try await app.testing().test(.GET, "inbox", headers: session, afterResponse: { res throws in
                #expect(res.body.string.contains("id=\"alert-banner\""))
            })
        }
    }
}
