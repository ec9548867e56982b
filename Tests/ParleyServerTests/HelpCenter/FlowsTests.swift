import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Troubleshooting flows over HTTP: the API refuses broken trees naming the node, roles decide who
/// publishes, customers walk a flow with plain forms (no JavaScript), and the figures count what
/// they did.
@Suite(.serialized) struct FlowsTests: HTTPTestHelpers {
    static let outline = """
        question start: Does the song play when you are online?
          [Yes] -> offline
          [No] -> contact

        guidance offline: Download it again
          Switch **Download** off and on. <script>alert(1)</script>
          article: listen-offline
          [Done] -> works

        question works: Does it play offline now?
          [Yes] -> solved
          [No] -> contact

        solved solved: Enjoy your music
        contact contact: We'll take it from here
        """

    static var nodesJSON: String {
        let nodes = try! FlowOutline.parse(outline).map(FlowNodeDTO.init)
        return String(decoding: try! JSONEncoder().encode(nodes), as: UTF8.self)
    }

    func setUp(_ app: Application) async throws -> (admin: HTTPHeaders, agent: HTTPHeaders) {
        let admin = try await makeAgent(app, email: "admin@example.com", role: .admin)
        let agent = try await makeAgent(app, email: "agent@example.com", role: .agent)
        _ = try await json(app, .POST, "api/v1/brands", admin, #"{"slug":"acme","name":"Acme"}"#, status: .created)
        return (admin, agent)
    }

    /// POSTs a public form; returns the redirect's location and the response's cookie header.
    func publicPost(_ app: Application, _ path: String, cookie: String?, _ fields: [String: String], status: HTTPStatus = .seeOther) async throws -> String {
        var location = ""
        try await app.testing().test(.POST, path, headers: cookie.map { ["Cookie": $0] } ?? [:], beforeRequest: { req in
            try req.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: { res throws in
            #expect(res.status == status, "POST \(path): \(res.body.string.prefix(200))")
            location = res.headers.first(name: .location) ?? ""
        })
        return location
    }

    @Test func brokenTreesAreRefusedNamingTheNode() async throws {
        try await withTestApp { app, _ in
            let (admin, agent) = try await setUp(app)
            let loop = #"{"brand":"acme","title":"Loop","nodes":[{"key":"start","kind":"question","text":"A?","answers":[{"label":"Yes","next":"again"},{"label":"No","next":"done"}]},{"key":"again","kind":"guidance","text":"Again","answers":[{"label":"Done","next":"start"}]},{"key":"done","kind":"solved","text":"ok"}]}"#
            let refused = try await json(app, .POST, "api/v1/flows", admin, loop, status: .unprocessableEntity)
            #expect("\(refused)".contains("Node \\\"start\\\" leads back to itself: start → again → start") || "\(refused)".contains("start → again → start"))
            let nowhere = #"{"brand":"acme","title":"Nowhere","nodes":[{"key":"start","kind":"question","text":"A?","answers":[{"label":"Yes","next":"done"},{"label":"No","next":"gone"}]},{"key":"done","kind":"solved","text":"ok"},{"key":"lost","kind":"contact","text":"team"}]}"#
            let message = "\(try await json(app, .POST, "api/v1/flows", admin, nowhere, status: .unprocessableEntity))"
            #expect(message.contains("gone") && message.contains("start"))
            // Unknown fields are refused in the nodes too.
            let typo = #"{"brand":"acme","title":"T","nodes":[{"key":"start","kind":"question","txet":"A?"}]}"#
            #expect("\(try await json(app, .POST, "api/v1/flows", admin, typo, status: .badRequest))".contains("txet"))
            // A linked article must be one the brand publishes.
            let flowBody = #"{"brand":"acme","title":"Offline playback","status":"published","nodes":\#(Self.nodesJSON)}"#
            #expect("\(try await json(app, .POST, "api/v1/flows", admin, flowBody, status: .unprocessableEntity))".contains("listen-offline"))
            _ = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"Listen offline","slug":"listen-offline","status":"published"}"#, status: .created)
            // An agent drafts, only a supervisor or an admin publishes.
            _ = try await json(app, .POST, "api/v1/flows", agent, flowBody, status: .forbidden)
            let draft = try await json(app, .POST, "api/v1/flows", agent, flowBody.replacingOccurrences(of: #""status":"published","#, with: ""), status: .created)
            #expect(draft["status"] as? String == "draft" && draft["slug"] as? String == "offline-playback")
            let id = try #require(draft["id"] as? String)
            _ = try await get(app, "help/acme/flows/offline-playback", status: .notFound)
            _ = try await json(app, .PATCH, "api/v1/flows/\(id)", agent, #"{"status":"published"}"#, status: .forbidden)
            _ = try await json(app, .PATCH, "api/v1/flows/\(id)", admin, #"{"status":"published","version":0}"#, status: .conflict)
            let published = try await json(app, .PATCH, "api/v1/flows/\(id)", admin, #"{"status":"published","version":1}"#, status: .ok)
            #expect(published["version"] as? Int == 2)
            _ = try await get(app, "help/acme/flows/offline-playback")
            _ = try await json(app, .PATCH, "api/v1/flows/\(id)", agent, #"{"title":"Changed by an agent"}"#, status: .forbidden)
            _ = try await json(app, .PATCH, "api/v1/flows/\(id)", admin, #"{"status":"archived"}"#, status: .ok)
            _ = try await get(app, "help/acme/flows/offline-playback", status: .gone)
        }
    }

    @Test func customersWalkWithFormsAndTheFiguresCountIt() async throws {
        try await customersWalkWithFormsAndTheFiguresCountIt(on: nil)
    }

    func customersWalkWithFormsAndTheFiguresCountIt(on database: DatabaseChoice?) async throws {
        try await withTestApp(database: database) { app, clock in
            let (admin, _) = try await setUp(app)
            _ = try await json(app, .POST, "api/v1/articles", admin, #"{"brand":"acme","title":"Listen offline","slug":"listen-offline","status":"published"}"#, status: .created)
            let flow = try await json(app, .POST, "api/v1/flows", admin, #"{"brand":"acme","title":"Offline playback","summary":"Songs won't play offline?","status":"published","nodes":\#(Self.nodesJSON)}"#, status: .created)
            let id = try #require(flow["id"] as? String)
            let shortLink = try #require(flow["short_link"] as? String)

            // The short link leads to the flow; its first page has Start and sets the visitor cookie.
            let code = try #require(shortLink.range(of: "/f/")).upperBound
            let short = try await get(app, "f/" + shortLink[code...], status: .seeOther)
            #expect(short.headers.first(name: .location) == "/help/acme/flows/offline-playback")
            let intro = try await get(app, "help/acme/flows/offline-playback")
            #expect(intro.body.contains("Songs won&#39;t play offline?") || intro.body.contains("Songs won't play offline?"))
            #expect(intro.body.contains("id=\"flow-start\""))
            let cookie = try #require(intro.headers.setCookie?[HelpVisitor.cookie]).string
            // Without the cookie (another site's form) Start is refused.
            _ = try await publicPost(app, "help/acme/flows/offline-playback/start", cookie: nil, [:], status: .badRequest)

            // Walk 1: online yes → guidance → still broken → contact us.
            var location = try await publicPost(app, "help/acme/flows/offline-playback/start", cookie: "\(HelpVisitor.cookie)=\(cookie)", [:])
            let walkPath = String(location.dropFirst())
            var page = try await get(app, walkPath).body
            #expect(page.contains("<h1>Does the song play when you are online?</h1>"))
            #expect(page.contains("name=\"answer\" value=\"0\">Yes</button>"))
            location = try await publicPost(app, walkPath, cookie: nil, ["p": "", "answer": "0"])
            #expect(location.hasSuffix("?p=0#step"))
            page = try await get(app, String(location.dropFirst()).replacingOccurrences(of: "#step", with: "")).body
            #expect(page.contains("<h1>Download it again</h1>"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"))
            #expect(page.contains("href=\"/help/acme/articles/listen-offline\""))
            #expect(page.contains("Does the song play when you are online?</a> <span class=\"muted\">— Yes"))
            location = try await publicPost(app, walkPath, cookie: nil, ["p": "0", "answer": "0"])
            location = try await publicPost(app, walkPath, cookie: nil, ["p": "0.0", "answer": "1"])
            page = try await get(app, String(location.dropFirst()).replacingOccurrences(of: "#step", with: "")).body
            #expect(page.contains("id=\"flow-contact\""))
            let walkID = String(walkPath.split(separator: "/").last!)
            #expect(page.contains("/help/acme/contact?walk=\(walkID)"))
            // An answer that does not exist is refused; a path the flow does not make starts over.
            _ = try await publicPost(app, walkPath, cookie: nil, ["p": "0.0", "answer": "7"], status: .notFound)
            #expect(try await get(app, walkPath + "?p=5.5").body.contains("starts again from the first question"))

            // Walk 2: solved. Walk 3: leaves at the first question and goes idle.
            let second = String(try await publicPost(app, "help/acme/flows/offline-playback/start", cookie: "\(HelpVisitor.cookie)=\(cookie)", [:]).dropFirst())
            for (path, answer) in [("", "0"), ("0", "0"), ("0.0", "0")] {
                _ = try await publicPost(app, second, cookie: nil, ["p": path, "answer": answer])
            }
            _ = try await publicPost(app, "help/acme/flows/offline-playback/start", cookie: "\(HelpVisitor.cookie)=\(cookie)", [:])
            clock.advance(by: 3_600)

            let stats = try await json(app, .GET, "api/v1/flows/\(id)/stats", admin, status: .ok)
            #expect(stats["starts"] as? Int == 3)
            #expect(stats["solved"] as? Int == 1 && stats["contacted"] as? Int == 1 && stats["left"] as? Int == 1)
            let nodes = try #require(stats["nodes"] as? [[String: Any]])
            #expect(nodes.map { $0["reached"] as? Int } == [3, 2, 2, 1, 1])
            #expect(nodes.map { $0["left"] as? Int } == [1, 0, 0, 0, 0])

            // The desk's editor shows the same figures, drawn and in a table.
            let (session, _) = try await RoleDenialTests().signIn(app, email: "admin@example.com")
            let editor = try await self.page(app, "flows/\(id)", session)
            #expect(editor.contains("3 started · 1 solved · 1 contacted support · 1 left part way"))
            #expect(editor.contains("<svg") && editor.contains("<title id=\"flow-chart-title\">"))
        }
    }

    @Test func theEditorKeepsWhatWasTypedAndNamesTheBrokenNode() async throws {
        try await withTestApp { app, _ in
            _ = try await setUp(app)
            let (session, csrf) = try await RoleDenialTests().signIn(app, email: "admin@example.com")
            let broken = "question start: <b>Is it on?</b>\n  [Yes] -> done\n  [No] -> nowhere\nsolved done: ok\n"
            var body = ""
            try await app.testing().test(.POST, "flows", headers: session, beforeRequest: { req in
                try req.content.encode(["csrf": csrf, "brand": "acme", "title": "Power", "outline": broken, "status": "draft"], as: .urlEncodedForm)
            }, afterResponse: { res throws in
                #expect(res.status == .unprocessableEntity)
                body = res.body.string
            })
            #expect(body.contains("<code>start</code>: Answer &quot;No&quot; of node &quot;start&quot; leads to &quot;nowhere&quot;"))
            #expect(body.contains("&lt;b&gt;Is it on?&lt;/b&gt;"), "the outline comes back as typed, escaped")
            let saved = try await form(app, "flows", session, ["csrf": csrf, "brand": "acme", "title": "Power", "outline": "question start: Is it on?\n  [Yes] -> done\n  [No] -> team\nsolved done: ok\ncontact team: We'll help\n", "status": "published"])
            #expect(saved.contains("Saved: the flow is published."))
            let list = try await page(app, "flows?brand=acme", session)
            #expect(list.contains(">Power</a>") && list.contains("/f/"))
        }
    }
}
