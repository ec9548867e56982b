import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Templates and macros over real HTTP: who may change them, save-time validation, rendering
/// for a conversation, and the composer's text check.
@Suite(.serialized) struct TemplatesTests {
    struct Input: Content {
        var handle_id: UUID?
        var name: String
        var body: String
        var actions: [MacroAction]?
    }

    func create(_ app: Application, _ headers: HTTPHeaders, _ input: Input) async throws -> TemplateDTO {
        var created: TemplateDTO?
        try await app.testing().test(.POST, "api/v1/templates", headers: headers, beforeRequest: { req in
            try req.content.encode(input)
        }, afterResponse: { res in
            #expect(res.status == .created)
            created = try res.content.decode(TemplateDTO.self)
        })
        return try #require(created)
    }

    func expectError(_ res: TestingHTTPResponse, _ status: HTTPResponseStatus, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        #expect(res.status == status, sourceLocation: sourceLocation)
        let body = try res.content.decode(ErrorBodyDTO.self)
        #expect(body.error.code == code, sourceLocation: sourceLocation)
        return body.error.message
    }

    @Test func everyTemplateRouteNeedsAUser() async throws {
        try await withTestApp { app, _ in
            for (method, path) in [(HTTPMethod.GET, "api/v1/templates"), (.POST, "api/v1/templates"), (.PUT, "api/v1/templates/\(UUID())"),
                                   (.DELETE, "api/v1/templates/\(UUID())"), (.POST, "api/v1/conversations/\(UUID())/render-template"),
                                   (.POST, "api/v1/text/check")] {
                try await app.testing().test(method, path, afterResponse: { res in
                    _ = try expectError(res, .unauthorized, "unauthorized")
                })
            }
        }
    }

    @Test func supervisorsEditAndAgentsOnlyReadByToken() async throws {
        try await withTestApp { app, _ in
            let agent = try await makeAgent(app)
            let supervisor = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
            let user = try #require(try await UserQueries(database: app.db).find(email: "agent@example.com"))
            let created = try await create(app, supervisor, Input(
                name: "Refund", body: "Hi {{ customer.name }}, refunds: {{help_url}}",
                actions: [.tag("billing"), .assign(.user(user.id)), .setState(.pending), .moveToDM]))
            #expect(created.placeholders == ["customer.name", "help_url"])
            #expect(created.actions == [.tag("billing"), .assign(.user(user.id)), .setState(.pending), .moveToDM])
            #expect(created.handleID == nil)

            let input = Input(name: "Nope", body: "x")
            try await app.testing().test(.POST, "api/v1/templates", headers: agent, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                let message = try expectError(res, .forbidden, "forbidden")
                #expect(message == "This needs the supervisor role.")
            })
            try await app.testing().test(.PUT, "api/v1/templates/\(created.id)", headers: agent, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                _ = try expectError(res, .forbidden, "forbidden")
            })
            try await app.testing().test(.DELETE, "api/v1/templates/\(created.id)", headers: agent, afterResponse: { res in
                _ = try expectError(res, .forbidden, "forbidden")
            })
            #expect(try await TemplateQueries(database: app.db).find(created.id)?.name == "Refund")

            // Agents read: the list and one template, actions included.
            try await app.testing().test(.GET, "api/v1/templates", headers: agent, afterResponse: { res in
                #expect(res.status == .ok)
                let list = try res.content.decode(TemplateListDTO.self)
                #expect(list.data == [created])
            })
            try await app.testing().test(.GET, "api/v1/templates/\(created.id)", headers: agent, afterResponse: { res in
                let shown = try res.content.decode(TemplateDTO.self)
                #expect(shown == created)
            })

            try await app.testing().test(.PUT, "api/v1/templates/\(created.id)", headers: admin, beforeRequest: { req in
                try req.content.encode(Input(name: "Refund (EU)", body: "Hello {{customer.name}}", actions: []))
            }, afterResponse: { res in
                #expect(res.status == .ok)
                let updated = try res.content.decode(TemplateDTO.self)
                #expect(updated.name == "Refund (EU)" && updated.actions.isEmpty && updated.placeholders == ["customer.name"])
            })
            #expect(try await TemplateQueries(database: app.db).find(created.id)?.body == "Hello {{customer.name}}")
            try await app.testing().test(.DELETE, "api/v1/templates/\(created.id)", headers: supervisor, afterResponse: { res in
                #expect(res.status == .noContent)
            })
            #expect(try await TemplateQueries(database: app.db).find(created.id) == nil)
            try await app.testing().test(.DELETE, "api/v1/templates/\(created.id)", headers: supervisor, afterResponse: { res in
                _ = try expectError(res, .notFound, "not_found")
            })
            try await app.testing().test(.PUT, "api/v1/templates/\(UUID())", headers: supervisor, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                _ = try expectError(res, .notFound, "not_found")
            })
        }
    }

    @Test func agentsAreDeniedBySessionToo() async throws {
        try await withTestApp { app, _ in
            _ = try await makeAgent(app, email: "ana@example.com")
            _ = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            let existing = try await TemplateQueries(database: app.db).create(
                handleID: nil, name: "Hello", body: "Hello!", actions: [], at: Date(), id: UUID())

            func session(_ email: String) async throws -> (HTTPHeaders, String) {
                var headers = try await InboxPageTests().signIn(app, email: email)
                var csrf = ""
                try await app.testing().test(.GET, "inbox", headers: headers, afterResponse: { res in
                    csrf = try #require(InboxPageTests.hiddenCSRF(in: res.body.string))
                })
                headers.replaceOrAdd(name: "X-CSRF-Token", value: csrf)
                return (headers, csrf)
            }
            let (agent, _) = try await session("ana@example.com")
            let input = Input(name: "By session", body: "Hi {{customer.name}}")
            try await app.testing().test(.POST, "api/v1/templates", headers: agent, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                _ = try expectError(res, .forbidden, "forbidden")
            })
            try await app.testing().test(.PUT, "api/v1/templates/\(existing.id)", headers: agent, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                _ = try expectError(res, .forbidden, "forbidden")
            })
            try await app.testing().test(.DELETE, "api/v1/templates/\(existing.id)", headers: agent, afterResponse: { res in
                _ = try expectError(res, .forbidden, "forbidden")
            })
            try await app.testing().test(.GET, "api/v1/templates", headers: agent, afterResponse: { res in
                let list = try res.content.decode(TemplateListDTO.self)
                #expect(list.data.map(\.name) == ["Hello"])
            })

            var (supervisor, _) = try await session("sue@example.com")
            try await app.testing().test(.POST, "api/v1/templates", headers: supervisor, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                #expect(res.status == .created)
            })
            // A session's POST without the form token is refused before anything else.
            supervisor.remove(name: "X-CSRF-Token")
            try await app.testing().test(.POST, "api/v1/templates", headers: supervisor, beforeRequest: { req in
                try req.content.encode(Input(name: "Forged", body: "x"))
            }, afterResponse: { res in
                _ = try expectError(res, .forbidden, "csrf")
            })
            #expect(try await TemplateQueries(database: app.db).list(handleID: nil).map(\.name) == ["By session", "Hello"])
        }
    }

    @Test func badTemplatesAreRefusedWhenSaved() async throws {
        try await withTestApp { app, _ in
            let supervisor = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            func refused(_ input: Input, _ status: HTTPResponseStatus, _ code: String) async throws -> String {
                var message = ""
                try await app.testing().test(.POST, "api/v1/templates", headers: supervisor, beforeRequest: { try $0.content.encode(input) }, afterResponse: { res in
                    message = try expectError(res, status, code)
                })
                return message
            }
            #expect(try await refused(Input(name: "Typo", body: "Hi {{customer.nmae}}!"), .unprocessableEntity, "template_invalid")
                == "Unknown placeholder \"{{customer.nmae}}\" at character 4. Did you mean {{customer.name}}?")
            #expect(try await refused(Input(name: "Empty", body: "  \n"), .unprocessableEntity, "template_invalid") == "The template's text is empty.")
            #expect(try await refused(Input(name: "Open", body: "See {{help_url"), .unprocessableEntity, "template_invalid").contains("never closes it"))
            #expect(try await refused(Input(name: "", body: "x"), .unprocessableEntity, "template_invalid") == "The template needs a name.")
            #expect(try await refused(Input(name: "Hole", body: "Hi {{ }}"), .unprocessableEntity, "template_invalid").hasPrefix("The placeholder at character 4 has no name"))
            #expect(try await refused(Input(name: "Tags", body: "x", actions: [.tag("a"), .tag("A")]), .unprocessableEntity, "template_invalid").contains("listed twice"))
            #expect(try await refused(Input(handle_id: UUID(), name: "Nowhere", body: "x"), .unprocessableEntity, "invalid").hasPrefix("No handle with id"))
            #expect(try await refused(Input(name: "Ghost", body: "x", actions: [.assign(.user(UUID()))]), .unprocessableEntity, "invalid").contains("no user"))
            try await app.testing().test(.POST, "api/v1/templates", headers: supervisor, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"name":"Send","body":"x","actions":[{"type":"send"}]}"#)
            }, afterResponse: { res in
                let message = try expectError(res, .badRequest, "bad_request")
                #expect(message.contains("type must be one of: tag, assign, set_state, move_to_dm"))
            })
            _ = try await create(app, supervisor, Input(name: "Thanks", body: "Thanks!"))
            #expect(try await refused(Input(name: "thanks", body: "Thank you!"), .conflict, "conflict").contains("already exists"))
            #expect(try await TemplateQueries(database: app.db).list(handleID: nil).map(\.name) == ["Thanks"])
        }
    }

    @Test func listsAHandlesTemplatesWithTheGlobalOnes() async throws {
        try await withTestApp { app, _ in
            let handles = HandleQueries(database: app.db)
            let acme = try await handles.upsert(Handle(id: UUID(), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            let other = try await handles.upsert(Handle(id: UUID(), xUserID: "200", username: "OtherHelp", name: "Other", role: .care, terms: []))
            let supervisor = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            _ = try await create(app, supervisor, Input(name: "B global", body: "x"))
            _ = try await create(app, supervisor, Input(handle_id: acme.id, name: "A acme", body: "x"))
            _ = try await create(app, supervisor, Input(handle_id: other.id, name: "C other", body: "x"))
            // The same name may be used once per scope.
            _ = try await create(app, supervisor, Input(handle_id: other.id, name: "B global", body: "y"))
            for (query, expected) in [("?handle=AcmeCare", ["A acme", "B global"]), ("?handle=\(acme.id)", ["A acme", "B global"]),
                                      ("?handle=@otherhelp", ["B global", "B global", "C other"]), ("", ["A acme", "B global", "B global", "C other"])] {
                try await app.testing().test(.GET, "api/v1/templates\(query)", headers: supervisor, afterResponse: { res in
                    let list = try res.content.decode(TemplateListDTO.self)
                    #expect(list.data.map(\.name) == expected, "\(query)")
                })
            }
            try await app.testing().test(.GET, "api/v1/templates?handle=nobody", headers: supervisor, afterResponse: { res in
                _ = try expectError(res, .badRequest, "bad_request")
            })
        }
    }

    @Test func rendersForAConversation() async throws {
        try await withTestApp { app, _ in
            let conversation = try await ReplyLoopTests().seed(app)
            let agent = try await makeAgent(app)
            let supervisor = try await makeAgent(app, email: "sue@example.com", role: .supervisor)
            let other = try await HandleQueries(database: app.db).upsert(Handle(id: UUID(), xUserID: "200", username: "OtherHelp", name: "Other", role: .care, terms: []))
            let greeting = try await create(app, supervisor, Input(
                name: "Greeting", body: "Hi {{customer.name}} ({{customer.handle}}), {{agent.first_name}} of {{handle.name}} here. DM us: {{dm_link}}",
                actions: [.tag("greeting"), .moveToDM]))
            let help = try await create(app, supervisor, Input(name: "Help", body: "See {{ help_url }}"))
            let wait = try await create(app, supervisor, Input(name: "Wait", body: "{{expected_wait}}"))
            let foreign = try await create(app, supervisor, Input(handle_id: other.id, name: "Other's", body: "x"))
            let long = try await create(app, supervisor, Input(name: "Long", body: String(repeating: "We are looking into it, {{customer.name}}. ", count: 10)))

            func render(_ template: UUID, _ channel: String = "public", check: (TestingHTTPResponse) throws -> Void) async throws {
                try await app.testing().test(.POST, "api/v1/conversations/\(conversation)/render-template", headers: agent, beforeRequest: { req in
                    try req.content.encode(["template_id": template.uuidString, "channel": channel])
                }, afterResponse: check)
            }
            try await render(greeting.id) { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(TextCheckDTO.self)
                #expect(body.text == "Hi Casey (@casey), Ana of Acme Care here. DM us: https://x.com/messages/compose?recipient_id=100")
                #expect(body.weightedLength == 49 + 23 && body.max == 280 && body.valid && body.thread == nil)
                #expect(body.actions == [.tag("greeting"), .moveToDM])
            }
            try await render(help.id) { res in
                let message = try expectError(res, .unprocessableEntity, "template_unrenderable")
                #expect(message == "{{help_url}} has no value for @AcmeCare.")
            }
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update("handles").set("help_url", to: SQLBind("https://help.acme.com/orders"))
                .where("x_user_id", .equal, SQLBind("100")).run()
            try await render(help.id, "dm") { res in
                let body = try res.content.decode(TextCheckDTO.self)
                #expect(body.text == "See https://help.acme.com/orders" && body.weightedLength == 32 && body.max == 10_000 && body.valid)
            }
            // The handle's published availability: no SLA policy and no history yet, so the default hour.
            try await render(wait.id) { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(TextCheckDTO.self)
                #expect(body.text?.contains("We usually reply within 60 minutes.") == true)
            }
            try await render(foreign.id) { res in
                _ = try expectError(res, .unprocessableEntity, "template_other_handle")
            }
            try await render(long.id) { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(TextCheckDTO.self)
                #expect(!body.valid && body.weightedLength == 10 * 31 - 1 && body.max == 280)
                #expect(body.thread?.count == 2 && body.thread?.last?.hasSuffix(" 2/2") == true)
            }
            try await render(UUID()) { res in _ = try expectError(res, .notFound, "not_found") }
            try await app.testing().test(.POST, "api/v1/conversations/\(UUID())/render-template", headers: agent, beforeRequest: { req in
                try req.content.encode(["template_id": greeting.id.uuidString, "channel": "public"])
            }, afterResponse: { res in _ = try expectError(res, .notFound, "not_found") })
            try await render(greeting.id, "fax") { res in _ = try expectError(res, .badRequest, "bad_request") }
            // Rendering drafts; it never queues anything.
            #expect(try await OutboxQueries(database: app.db).forConversation(conversation).isEmpty)
        }
    }

    @Test func textCheckCountsAsXDoes() async throws {
        try await withTestApp { app, _ in
            let agent = try await makeAgent(app)
            func check(_ text: String, _ channel: String) async throws -> TextCheckDTO {
                var result: TextCheckDTO?
                try await app.testing().test(.POST, "api/v1/text/check", headers: agent, beforeRequest: { req in
                    try req.content.encode(["text": text, "channel": channel])
                }, afterResponse: { res in
                    #expect(res.status == .ok)
                    #expect(!res.body.string.contains("\"text\""))
                    result = try res.content.decode(TextCheckDTO.self)
                })
                return try #require(result)
            }
            let url = try await check("Read https://example.com/a/very/long/path/that/is/longer/than/twenty/three", "public")
            #expect(url.weightedLength == 5 + 23 && url.valid && url.thread == nil)
            let cjk = try await check(String(repeating: "漢", count: 141), "public")
            #expect(cjk.weightedLength == 282 && !cjk.valid && cjk.thread?.count == 2)
            let emoji = try await check("👩‍👩‍👧‍👦", "public")
            #expect(emoji.weightedLength == 2 && emoji.valid)
            let dm = try await check(String(repeating: "漢", count: 10_000), "dm")
            #expect(dm.weightedLength == 10_000 && dm.max == 10_000 && dm.valid && dm.thread == nil)
            let blank = try await check("   ", "public")
            #expect(blank.weightedLength == 0 && !blank.valid)
            try await app.testing().test(.POST, "api/v1/text/check", headers: agent, beforeRequest: { req in
                try req.content.encode(["text": "hi"])
            }, afterResponse: { res in _ = try expectError(res, .badRequest, "bad_request") })
        }
    }

    @Test func theConversationPageHasTheComposer() async throws {
        try await withTestApp { app, _ in
            let conversation = try await ReplyLoopTests().seed(app)
            _ = try await makeAgent(app, email: "ana@example.com")
            let cookie = try await InboxPageTests().signIn(app)
            try await app.testing().test(.GET, "conversations/\(conversation)", headers: cookie, afterResponse: { res in
                let html = res.body.string
                for id in ["reply-text", "reply-counter", "template-picker", "thread-preview"] {
                    #expect(html.contains("id=\"\(id)\""), "\(id)")
                }
                #expect(html.contains("role=\"listbox\""))
                #expect(html.contains("/js/composer.js"))
                #expect(html.contains("data-handle=\"AcmeCare\""))
            })
            try await app.testing().test(.GET, "js/composer.js", afterResponse: { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("innerHTML"))
            })
        }
    }
}
