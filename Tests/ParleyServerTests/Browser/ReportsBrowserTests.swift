import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

extension BrowserTests {
    /// The reports page as a supervisor uses it, and the satisfaction survey as a customer answers it.
    @Suite(.serialized) struct Reports {
        static let reply = #"{"data":{"id":"7002","text":"@casey sorry about that, checking now","author_id":"100","created_at":"2026-11-25T10:12:00.000Z","conversation_id":"7001","in_reply_to_user_id":"900","referenced_tweets":[{"type":"replied_to","id":"7001"}],"edit_history_tweet_ids":["7002"]}}"#

        /// Open Reports from the header, read the cards and charts, group by handle with the form.
        @Test func aSupervisorReadsAndRegroupsTheReports() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser
                _ = try await desk.app.actions.slaPolicies.save(
                    SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, calendar: try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil)),
                    handleID: nil, minPriority: 0)
                try await desk.deliver([
                    BrowserDesk.customerPost(id: "7001", text: "my parcel is lost"), Self.reply,
                    BrowserDesk.customerPost(id: "7003", text: "still waiting <b>on</b> my refund", authorID: "901", username: "rae"),
                ])
                try await desk.makeUser(email: "priya@example.com", name: "Priya", role: .supervisor)
                try await desk.signIn(email: "priya@example.com")
                try await browser.find(#"nav a[href="/reports"]"#).click()
                try await browser.waitForPath("/reports")
                try await desk.open("/reports?from=2026-11-19&to=2026-11-25&tz=UTC")
                #expect(try await browser.find("#card-conversations .figure").text() == "2")
                #expect(try await browser.find("#card-first-response .figure").text() == "12 min")
                #expect(try await browser.find("#card-sla .figure").text() == "50.0%")
                // Each chart is an image with a title and a description in words.
                let charts = try await browser.findAll("svg.chart[role=img]")
                #expect(charts.count == 3)
                let described = try await browser.execute("""
                    return Array.from(document.querySelectorAll('svg.chart')).every(function (svg) {
                      return svg.getAttribute('aria-labelledby').split(' ').every(function (id) {
                        var e = document.getElementById(id); return e && e.textContent.length > 10; }); });
                    """).bool
                #expect(described == true)
                // The card is the table's total row.
                let total = try await browser.find("#table-response-times tr.total").text()
                #expect(total.hasPrefix("All cases 2 12 min"))
                // Group by handle with the form, as a person would.
                try await browser.execute("document.querySelector('#report-filters select[name=group_by]').value = 'handle';")
                try await browser.find("#report-filters button[type=submit]").click()
                try await browser.waitUntil("the page is grouped by handle") {
                    try await browser.currentURL().contains("group_by=handle")
                }
                let rows = try await browser.findAll("#table-sla tbody tr")
                #expect(rows.count == 2)
                #expect(try await rows[1].text().hasPrefix("@AcmeCare 2 50.0% 1 1"))
                let csv = try await browser.find("#reports h2 a.csv").attribute("href") ?? ""
                #expect(csv.hasPrefix("/api/v1/reports/response-times?") && csv.contains("group_by=handle") && csv.contains("format=csv"))
            }
        }

        /// A customer opens the survey link, rates with the keyboard-reachable radios, writes a
        /// comment with markup (kept as text, nothing runs), and sees the answer kept.
        @Test func aCustomerAnswersTheSurvey() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser
                let dm = #"{"data":[{"id":"d-9","event_type":"MessageCreate","text":"my order never arrived","sender_id":"900","dm_conversation_id":"100-900","created_at":"2026-11-25T11:00:00.000Z"}],"includes":{"users":[{"id":"900","name":"Casey","username":"casey"}]}}"#
                try await desk.deliver([dm])
                let page = try await ConversationQueries(database: desk.app.db).page(state: .open, handleID: nil, limit: 5, after: nil)
                let id = try #require(page.items.first?.conversation.id)
                try await desk.app.actions.changeState.run(id, to: .resolve, by: nil)
                desk.clock.advance(by: 3_601)
                _ = try await ParleyApp.jobRunner(for: desk.app).runOnce()
                let survey = try #require(try await CSATQueries(database: desk.app.db).forConversation(id))

                try await desk.open("/csat/\(survey.token)")
                #expect(try await browser.find("h1").text() == "How did we do?")
                let five = try await browser.find(#"input[name=rating][value="5"]"#)
                try await five.click()
                try await browser.find("#csat-comment").type("great <img src=x onerror=\"window.__pwned=1\"> service")
                try await browser.find("#csat-form button[type=submit]").click()
                let saved = try await browser.waitFor("#csat-saved")
                #expect(try await saved.text().hasPrefix("Thank you! You rated us 5 of 5."))
                #expect(try await browser.execute("return typeof window.__pwned;") == "undefined")
                #expect(try await browser.findAll("#csat img").isEmpty)
                #expect(try await browser.find(#"input[name=rating][value="5"]"#).property("checked").bool == true)
                #expect(try await browser.find("#csat-comment").property("value").string == "great <img src=x onerror=\"window.__pwned=1\"> service")
                #expect(try await CSATQueries(database: desk.app.db).forConversation(id)?.rating == 5)
            }
        }
    }
}
