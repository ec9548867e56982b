import Foundation
import NIOHTTP1
import ParleyCore
@testable import ParleyStore
import Testing
@testable import ParleyServer

extension BrowserTests {
    /// The public help center as a signed-out reader uses it: search, open a hit, read an article
    /// whose title and body are hostile markup (shown as text, nothing runs), and vote once.
    @Suite(.serialized) struct HelpCenterReader {
        static let title = "Reset your <script>window.__pwned=1</script> password"
        static let body = """
            Forgot it? Follow these steps to reset password access to your account.

            1. Open **Settings** and choose **Reset password**.
            2. Check your email for the reset link and pick a new password.

            <img src=x onerror="window.__pwned=1">

            Still stuck? Read [bad](javascript:window.__pwned=1) advice nowhere.
            """
        static let articlePath = "/help/acme/articles/reset-your-password"

        @Test func searchOpenAHitReadItSafelyAndVoteOnce() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser

                // Seeded through the actions, by an admin: a brand, a category, two published articles.
                let admin = try await desk.makeUser(email: "admin@example.com", name: "Ada", role: .admin)
                let help = desk.app.actions.helpCenter
                let brand = try await help.createBrand(slug: "acme", name: "Acme", handleIDs: [], by: admin)
                let account = try await help.createCategory(
                    brandID: brand.id, slug: "account", name: "Account", parentID: nil, position: 0, by: admin)
                let article = try await help.createArticle(.init(
                    brandID: brand.id, categoryID: account.id, slug: "reset-your-password",
                    title: Self.title, body: Self.body, status: .published), by: admin)
                _ = try await help.createArticle(.init(
                    brandID: brand.id, categoryID: account.id, slug: "shipping-times", title: "Shipping times",
                    body: "Orders ship within two business days.", status: .published), by: admin)

                // Search from the brand's home page, as a reader would: type, submit.
                try await desk.open("/help/acme")
                try await browser.find("#help-q").type("password reset")
                try await browser.find(".help-search button[type=submit]").click()
                try await browser.waitForPath("/help/acme/search")
                let status = try await browser.waitFor("#search-status")
                #expect(try await status.text().hasPrefix("1 result "))

                // One hit (the shipping article does not match), its snippet highlighted with <mark>.
                let hits = try await browser.findAll("ol.help-hits > li")
                #expect(hits.count == 1)
                let hit = try #require(hits.first)
                let marks = try await hit.findAll(".snippet mark")
                #expect(!marks.isEmpty, "the snippet highlights the words searched")
                for mark in marks {
                    let word = try await mark.text().lowercased()
                    #expect(word.contains("reset") || word.contains("password"), "marked: \(word)")
                }
                let link = try await hit.find("a")
                #expect(try await link.text() == Self.title)  // the title's markup is text here too
                try await link.click()
                try await browser.waitForPath(Self.articlePath)

                // The article: the title's <script> is shown as text, and nothing from the body ran
                // or became markup (no raw <img>, no javascript: link; "bad" stays plain text).
                #expect(try await browser.find("article.help-article h1").text() == Self.title)
                #expect(try await browser.execute("return typeof window.__pwned;") == "undefined")
                #expect(try await browser.findAll(".article-body img, .article-body script").isEmpty)
                #expect(try await browser.execute(
                    #"return document.querySelectorAll('.article-body a[href^="javascript"]').length;"#).number == 0)
                let badIsALink = try await browser.execute("""
                    return Array.from(document.querySelectorAll('.article-body a')).some(function (a) { return a.textContent.indexOf('bad') >= 0; });
                    """).bool
                #expect(badIsALink == false)
                #expect(try await browser.find(".article-body").text().contains("Read bad advice"))

                // The page set the visitor cookie the vote is keyed on.
                let cookie = try await Self.visitorCookie(browser)
                #expect(cookie != nil)

                // Vote "Yes": the page thanks the reader, and the store counts one helpful vote.
                try await browser.find("button[name=helpful][value=yes]").click()
                try await browser.waitFor("#vote-thanks")
                #expect(try await Self.stats(desk, article)?.helpful == 1)

                // Back on the plain article URL (no `voted=`) the form shows again; the same
                // visitor voting "Yes" again still counts once.
                try await desk.open(Self.articlePath)
                let yes = try await browser.waitFor("button[name=helpful][value=yes]")
                #expect(try await Self.visitorCookie(browser) == cookie)  // still the same visitor
                try await yes.click()
                try await browser.waitFor("#vote-thanks")
                let stats = try await Self.stats(desk, article)
                #expect(stats?.helpful == 1)
                #expect(stats?.notHelpful == 0)
            }
        }

        /// A customer walks a flow with the keyboard on pages without a script: Start, a question,
        /// guidance with a hostile body, back to an earlier answer, then "contact us", which opens
        /// the support form with the path; they send it, and the agent sees the case with the path.
        /// The figures count the walk once per node.
        @Test func walkAFlowToContactUsAndTheAgentSeesThePath() async throws {
            try await withBrowserDesk { desk in
                let browser = desk.browser
                let admin = try await desk.makeUser(email: "admin@example.com", name: "Ada", role: .admin)
                try await HandleQueries(database: desk.app.db).upsert(Handle(
                    id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
                let brand = try await desk.app.actions.helpCenter.createBrand(
                    slug: "acme", name: "Acme", handleIDs: [StableID.make("handle", "100")], by: admin)
                let flow = try await desk.app.actions.flows.create(.init(
                    brandID: brand.id, title: "Router <b>won't</b> connect", summary: "Lights on, no internet?",
                    nodes: try FlowOutline.parse("""
                        question start: Are the router's lights on?
                          [Yes] -> restart
                          [No] -> contact
                        guidance restart: Restart it
                          Unplug it for 30 seconds. <img src=x onerror="window.__pwned=1">
                          [Done] -> works
                        question works: Is it online now?
                          [Yes] -> solved
                          [No] -> contact
                        solved solved: Great
                        contact contact: Let's get you to the team
                        """), status: .published), by: admin)

                try await desk.open("/f/\(flow.shortCode)")
                try await browser.waitForPath("/help/acme/flows/router-b-won-t-b-connect")
                #expect(try await browser.find("article.help-flow h1").text() == "Router <b>won't</b> connect")
                #expect(try await browser.execute("return document.scripts.length;").number == 0, "the customer's pages need no script")
                let start = try await browser.tab(to: "#flow-start")
                #expect(try await start.text() == "Start")
                try await browser.press(Key.enter)
                let question = try await browser.waitFor("#step h1")
                #expect(try await question.text() == "Are the router's lights on?")

                // Answer with the keyboard: the buttons are in the tab order, in the answers' order.
                let yes = try await browser.tab(to: "button[name=answer][value='0']")
                #expect(try await yes.text() == "Yes")
                try await browser.press(Key.enter)
                try await browser.waitUntil("the guidance shows") { try await browser.find("#step h1").text() == "Restart it" }
                #expect(try await browser.execute("return typeof window.__pwned;") == "undefined")
                #expect(try await browser.findAll("#step img").isEmpty)
                try await browser.find("button[name=answer][value='0']").click()
                try await browser.waitUntil("the next question shows") { try await browser.find("#step h1").text() == "Is it online now?" }

                // The answers so far link back; going back and answering again follows the new path.
                let steps = try await browser.findAll(".flow-steps li a")
                #expect(steps.count == 2)
                try await steps[0].click()
                try await browser.waitUntil("the first question again") { try await browser.find("#step h1").text() == "Are the router's lights on?" }
                try await browser.find("button[name=answer][value='1']").click()
                let contact = try await browser.waitFor("#flow-contact")
                let href = try #require(try await contact.attribute("href"))
                let walks = try await FlowQueries(database: desk.app.db).stats(flow, from: .distantPast, to: .distantFuture, now: Date())
                #expect(walks.starts == 1 && walks.contacted == 1)
                #expect(walks.nodes.map(\.reached) == [1, 1, 1, 0, 1], "each node counts once per walk, however often shown")
                #expect(href.hasPrefix("/help/acme/contact?walk="))

                // "Contact support": the form shows what was tried; the customer fills it in and sends it.
                try await contact.click()
                try await browser.waitForPath("/help/acme/contact")
                let tried = try await browser.waitFor("#contact-flow")
                #expect(try await tried.text().contains("Are the router's lights on? — No"))
                try await browser.find("#c-name").type("Dana <i>Cole</i>")
                try await browser.find("#c-email").type("dana@example.com")
                try await browser.find("#c-description").type("The router has no lights at all since the storm.")
                try await browser.find("#c-category option[value='Something else']").click()
                desk.clock.advance(by: 30)  // a person takes longer than the time trap's 3 seconds
                try await browser.find("#contact-send").click()
                try await browser.waitForPath("/help/acme/contact/sent")
                let reference = try await browser.waitFor("#case-reference").text()
                #expect(reference.count == 9 && reference.hasPrefix("#"))

                // The agent opens the case from the inbox: by e-mail, with the customer's path.
                _ = try await desk.makeUser(email: "agent@example.com", name: "Ana", role: .agent)
                try await desk.signIn(email: "agent@example.com")
                try await desk.open("/inbox")
                let row = try await browser.waitFor("tr[data-id] a")
                try await row.click()
                let messages = try await browser.waitFor("#messages")
                let text = try await messages.text()
                #expect(text.contains("The router has no lights at all since the storm."))
                #expect(text.contains("Tried the troubleshooting flow “Router <b>won't</b> connect”:"))
                #expect(text.contains("Are the router's lights on? — No"))
                #expect(try await browser.find("#customer-email").text() == "dana@example.com")
                #expect(try await browser.find("#case-ref").text() == reference)
                #expect(try await browser.find(".customer-card h2").text() == "Dana <i>Cole</i>")
                #expect(try await browser.findAll("input[name=channel][value=email]").count == 1, "the answer goes by e-mail")
            }
        }

        /// The article's counts as the store has them (`Article` itself carries no stats).
        static func stats(_ desk: BrowserDesk, _ article: Article) async throws -> ArticleStats? {
            try await ArticleQueries(database: desk.app.db).list(.init(brandID: article.brandID))
                .first { $0.id == article.id }?.stats
        }

        /// The help center's visitor cookie in the browser (it is HttpOnly: WebDriver reads it, a page cannot).
        static func visitorCookie(_ browser: WebDriver) async throws -> String? {
            let cookies = try await browser.command(.GET, "/cookie").array ?? []
            return cookies.first { $0["name"]?.string == HelpVisitor.cookie }?["value"]?.string
        }
    }
}
