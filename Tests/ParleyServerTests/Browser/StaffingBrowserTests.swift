import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

extension BrowserTests {
    /// The staffing page as a supervisor plans with it: the hours short of agents marked, the
    /// availability lines, and a plan for other targets from the form.
    @Suite(.serialized) struct Staffing {
        @Test func aSupervisorPlansTheComingDays() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser
                try await desk.deliver((0..<12).map { BrowserDesk.customerPost(id: "80\($0)", text: "order \($0) is late", authorID: "9\($0)", username: "c\($0)") })
                for n in 0..<5 {
                    let agent = try await desk.makeUser(email: "agent\(n)@example.com", name: "Agent \(n)", role: .agent)
                    _ = try await desk.app.actions.agents.setShifts(agent.id, "Mon-Sun 09:00-17:00 UTC")
                }
                _ = try await desk.app.actions.slaPolicies.save(
                    SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 60, calendar: try WeeklyHours.parse("Mon-Fri 08:00-20:00 Europe/London")),
                    handleID: BrowserDesk.handle.id, minPriority: 0)
                try await desk.makeUser(email: "priya@example.com", name: "Priya", role: .supervisor)
                try await desk.signIn(email: "priya@example.com")
                try await browser.find(#"nav a[href="/staffing"]"#).click()
                try await browser.waitForPath("/staffing")

                let rows = try await browser.findAll("#staffing-hours tbody tr")
                #expect(rows.count == 168)
                let short = try await browser.findAll("#staffing-hours tbody tr.short")
                #expect(!short.isEmpty && short.count < 168)
                #expect(try await short[0].find("td.gap").text().hasPrefix("short by "))
                #expect(try await browser.find("#staffing-shortfall").text().hasPrefix("Short of agents in \(short.count) of 168 hours"))
                #expect(try await browser.find("#staffing-summary").text().contains("5 people have shifts set"))
                let bio = try await browser.find("#availability tbody tr td").text()
                #expect(bio == "We answer Mon–Fri 08:00–20:00 London time, usually within 60 minutes.")
                #expect(try await browser.find("svg#chart-staffing, svg[aria-labelledby^=chart-staffing]").attribute("role") == "img")

                // Two days at a stricter target, from the form.
                let days = try await browser.find("#staffing-form input[name=days]")
                try await days.clear()
                try await days.type("2")
                let level = try await browser.find("#staffing-form input[name=service_level]")
                try await level.clear()
                try await level.type("95")
                try await browser.find("#staffing-form button[type=submit]").click()
                try await browser.waitUntil("the two-day plan is shown") {
                    try await browser.currentURL().contains("days=2")
                }
                #expect(try await browser.findAll("#staffing-hours tbody tr").count == 48)
                #expect(try await browser.find("#staffing-summary").text().contains("Target: 95% of cases answered within 1 h 00 min"))
            }
        }
    }
}
