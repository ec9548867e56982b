import FluentKit
import FluentSQL
import Foundation
import ParleyCore
import Testing
@testable import ParleyStore

/// Rows written with plain SQL, as the ingest writes them, so the index triggers are what is tested.
struct SearchFixture {
    let sql: any SQLDatabase
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let handleA = UUID()
    let handleB = UUID()

    init(_ database: any Database) throws {
        sql = try database.requireSQL()
    }

    @discardableResult
    func customer(_ xUserID: String, name: String, username: String) async throws -> UUID {
        let id = UUID()
        let v = SQLValues(sql)
        try await sql.insert(into: "customers")
            .columns("id", "x_user_id", "username", "name", "followers_count", "verified")
            .values(v.uuid(id), SQLBind(xUserID), SQLBind(username), SQLBind(name), SQLBind(10), SQLBind(false)).run()
        return id
    }

    @discardableResult
    func conversation(
        customer: UUID, handle: UUID? = nil, state: ConversationState = .open, assignee: UUID? = nil, tags: [String] = []
    ) async throws -> UUID {
        let id = UUID()
        let v = SQLValues(sql)
        try await sql.insert(into: "conversations")
            .columns("id", "handle_id", "customer_id", "state", "has_public", "has_dm", "opened_at", "last_message_at", "message_count", "assignee_id")
            .values(v.uuid(id), v.uuid(handle ?? handleA), v.uuid(customer), SQLBind(state.rawValue), SQLBind(true), SQLBind(false),
                    SQLBind(t0), SQLBind(t0), SQLBind(1), v.uuid(assignee)).run()
        for tag in tags {
            try await sql.insert(into: "conversation_tags").columns("conversation_id", "tag").values(v.uuid(id), SQLBind(tag)).run()
        }
        return id
    }

    @discardableResult
    func message(
        _ text: String, in conversation: UUID?, author: String, at offset: TimeInterval = 0, intent: TriageIntent? = nil
    ) async throws -> UUID {
        let id = UUID()
        let v = SQLValues(sql)
        let triage = intent.map { #"{"handoff":"public","intent":"\#($0.rawValue)","priority":1}"# }
        try await sql.insert(into: "messages")
            .columns("id", "x_id", "x_version_id", "kind", "conversation_id", "handle_id", "author_x_user_id", "text",
                     "created_at", "version_rank", "triage")
            .values(v.uuid(id), SQLBind(id.uuidString), SQLBind(id.uuidString), SQLBind(MessageKind.mention.rawValue),
                    v.uuid(conversation), v.uuid(handleA), SQLBind(author), SQLBind(text), SQLBind(t0.addingTimeInterval(offset)),
                    SQLBind(1), v.optional(triage)).run()
        return id
    }
}

@Suite struct SearchQueriesTests {
    func ids(_ db: any Database, _ text: String, adjust: (inout SearchRequest) -> Void = { _ in }) async throws -> Set<UUID> {
        var request = SearchRequest(text: text, limit: 200)
        adjust(&request)
        return Set(try await SearchQueries(database: db).search(request).items.map(\.messageID))
    }

    @Test func wordsPhrasesCaseAndAccents() async throws {
        try await withStore { db in
            let f = try SearchFixture(db)
            let ana = try await f.customer("1", name: "Ana Lima", username: "ana_lima")
            let c = try await f.conversation(customer: ana)
            let never = try await f.message("My order never arrived", in: c, author: "1")
            let broken = try await f.message("The ORDER arrived broken", in: c, author: "1", at: 1)
            let cafe = try await f.message("Le café était froid, remboursement?", in: c, author: "1", at: 2)
            let mail = try await f.message("Please e-mail me the invoice", in: c, author: "1", at: 3)
            let brand = try await f.message("Sorry to hear that, please DM us", in: c, author: "brand", at: 4)

            #expect(try await ids(db, "order") == [never, broken])
            #expect(try await ids(db, "arrived never") == [never])
            #expect(try await ids(db, "\"never arrived\"") == [never])
            #expect(try await ids(db, "\"arrived never\"").isEmpty)
            #expect(try await ids(db, "CAFE etait") == [cafe])
            #expect(try await ids(db, "Café") == [cafe])
            #expect(try await ids(db, "e-mail") == [mail])
            #expect(try await ids(db, "\"e mail\"") == [mail])
            #expect(try await ids(db, "missing").isEmpty)
            #expect(try await ids(db, "ord").isEmpty)
            // The author's name and username are searched with the text: Ana's messages, not the brand's.
            #expect(try await ids(db, "lima") == [never, broken, cafe, mail])
            #expect(try await ids(db, "ana_lima invoice") == [mail])
            #expect(try await ids(db, "ana dm").isEmpty)
            #expect(try await ids(db, "dm") == [brand])
        }
    }

    @Test func hitsCarryTheirTextCustomerAndHighlights() async throws {
        try await withStore { db in
            let f = try SearchFixture(db)
            let ana = try await f.customer("1", name: "Ana", username: "ana")
            let c = try await f.conversation(customer: ana)
            let id = try await f.message("Refund? 🙂 still no REFUND", in: c, author: "1", at: 5)
            let page = try await SearchQueries(database: db).search(SearchRequest(text: "refund"))
            let hit = try #require(page.items.first)
            #expect(page.items.count == 1 && page.nextCursor == nil)
            #expect(hit.messageID == id && hit.conversationID == c && hit.customer.name == "Ana")
            #expect(hit.createdAt == f.t0.addingTimeInterval(5))
            #expect(hit.highlights == [0..<6, 20..<26])
            #expect(hit.rank < 0)
        }
    }

    @Test func eachFilterNarrows() async throws {
        try await withStore { db in
            let f = try SearchFixture(db)
            let agent = UUID()
            let ana = try await f.customer("1", name: "Ana", username: "ana")
            let open = try await f.conversation(customer: ana, tags: ["billing"])
            let resolved = try await f.conversation(customer: ana, state: .resolved, assignee: agent)
            let other = try await f.conversation(customer: ana, handle: f.handleB, tags: ["vip", "billing"])
            let m1 = try await f.message("refund please", in: open, author: "1", at: 0, intent: .complaint)
            let m2 = try await f.message("refund done, thanks", in: resolved, author: "1", at: 100, intent: .praise)
            let m3 = try await f.message("where is my refund", in: other, author: "1", at: 200, intent: .question)
            _ = try await f.message("refund, no case yet", in: nil, author: "1", at: 300)

            #expect(try await ids(db, "refund") == [m1, m2, m3])
            #expect(try await ids(db, "refund") { $0.state = .open } == [m1, m3])
            #expect(try await ids(db, "refund") { $0.state = .resolved } == [m2])
            #expect(try await ids(db, "refund") { $0.handleID = f.handleB } == [m3])
            #expect(try await ids(db, "refund") { $0.tag = "billing" } == [m1, m3])
            #expect(try await ids(db, "refund") { $0.tag = "vip" } == [m3])
            #expect(try await ids(db, "refund") { $0.tag = "nope" }.isEmpty)
            #expect(try await ids(db, "refund") { $0.assigneeID = agent } == [m2])
            #expect(try await ids(db, "refund") { $0.intent = .question } == [m3])
            #expect(try await ids(db, "refund") { $0.intent = .spamTroll }.isEmpty)
            #expect(try await ids(db, "refund") { $0.from = f.t0.addingTimeInterval(100) } == [m2, m3])
            #expect(try await ids(db, "refund") { $0.to = f.t0.addingTimeInterval(100) } == [m1])
            #expect(try await ids(db, "refund") {
                $0.from = f.t0.addingTimeInterval(50); $0.to = f.t0.addingTimeInterval(150)
            } == [m2])
            #expect(try await ids(db, "refund") { $0.state = .open; $0.tag = "vip"; $0.intent = .complaint }.isEmpty)
        }
    }

    @Test(arguments: [
        "\"", "\"\"", "*", "refund*", "NEAR(refund order)", "NEAR(", "refund OR order", "OR", "AND", "NOT refund", "-refund",
        "refund -order", "text:refund", ":", "^refund", "refund\"order", "\"unbalanced refund", "refund)", "(((", "{text}: refund",
        "'); DROP TABLE messages; --", "' OR 1=1 --", "%", "_", "\\", "\u{0}", "🙂", "refund\u{201C}order", String(repeating: "a ", count: 500),
    ])
    func hostileInputNeverFailsNorMatchesWrongly(_ input: String) async throws {
        try await withStore { db in
            let f = try SearchFixture(db)
            let ana = try await f.customer("1", name: "Ana", username: "ana")
            let c = try await f.conversation(customer: ana)
            var messages: [UUID: String] = [:]
            for (n, text) in ["refund order", "no refund", "order or not", "text: near the table", "drop table messages"].enumerated() {
                messages[try await f.message(text, in: c, author: "1", at: Double(n))] = text
            }
            let found = try await ids(db, input)
            // A message matches when it holds every phrase the parser kept (or the author does).
            let terms = SearchTerms(parsing: input)
            let expected = terms.isEmpty ? [] : Set(messages.filter { _, text in
                terms.phrases.allSatisfy { phrase in
                    let one = SearchTerms(parsing: "\"" + phrase.joined(separator: " ") + "\"")
                    return !one.highlights(in: text).isEmpty || !one.highlights(in: "Ana").isEmpty
                }
            }.keys)
            #expect(found == expected)
            #expect(try await ids(db, "refund").count == 2)
        }
    }

    @Test func pagesNeverSkipNorRepeat() async throws {
        try await withStore { db in
            let f = try SearchFixture(db)
            let ana = try await f.customer("1", name: "Ana", username: "ana")
            let c = try await f.conversation(customer: ana)
            var all: Set<UUID> = []
            // Equal texts give equal ranks, and pairs share a time: only the id breaks those ties.
            for n in 0..<45 {
                let text = n % 3 == 0 ? "refund refund please" : "refund please"
                all.insert(try await f.message(text, in: c, author: "1", at: Double(n / 2)))
            }
            let queries = SearchQueries(database: db)
            let whole = try await queries.search(SearchRequest(text: "refund", limit: 100)).items.map(\.messageID)
            var paged: [UUID] = []
            var cursor: SearchCursor?
            repeat {
                let page = try await queries.search(SearchRequest(text: "refund", limit: 7, cursor: cursor))
                paged += page.items.map(\.messageID)
                cursor = try page.nextCursor.map { try #require(SearchCursor(token: $0.token)) }
            } while cursor != nil
            #expect(paged == whole)
            #expect(Set(paged) == all && paged.count == 45)
        }
    }

    @Test func triggersFollowMessagesAndCustomers() async throws {
        try await withStore { db in
            let f = try SearchFixture(db)
            let sql = f.sql
            let ana = try await f.customer("1", name: "Ana", username: "ana")
            let c = try await f.conversation(customer: ana)
            let m = try await f.message("parcel lost", in: c, author: "1")
            #expect(try await ids(db, "parcel") == [m])

            try await sql.update("messages").set("text", to: SQLBind("parcel found")).where("id", .equal, SQLValues(sql).uuid(m)).run()
            #expect(try await ids(db, "lost").isEmpty)
            #expect(try await ids(db, "found") == [m])

            try await sql.update("customers").set("name", to: SQLBind("Beatriz")).where("x_user_id", .equal, SQLBind("1")).run()
            #expect(try await ids(db, "ana found") == [m])
            #expect(try await ids(db, "beatriz found") == [m])
            try await sql.update("customers").set("username", to: SQLBind("bea")).where("x_user_id", .equal, SQLBind("1")).run()
            #expect(try await ids(db, "ana").isEmpty)
            #expect(try await ids(db, "bea") == [m])

            // A message whose author arrives later is indexed under the name once the author does.
            let later = try await f.message("hello", in: c, author: "2")
            #expect(try await ids(db, "carla").isEmpty)
            try await f.customer("2", name: "Carla", username: "carla")
            #expect(try await ids(db, "carla hello") == [later])

            try await sql.delete(from: "messages").where("id", .equal, SQLValues(sql).uuid(m)).run()
            #expect(try await ids(db, "found").isEmpty)
            try await sql.delete(from: "customers").where("x_user_id", .equal, SQLBind("2")).run()
            #expect(try await ids(db, "carla").isEmpty)
            #expect(try await ids(db, "hello") == [later])
        }
    }

    @Test func theMigrationIndexesRowsThatWereAlreadyThere() async throws {
        try await withStore { db in
            try await AddSearch().revert(on: db)
            let f = try SearchFixture(db)
            let ana = try await f.customer("1", name: "Ana", username: "ana")
            let c = try await f.conversation(customer: ana)
            let m = try await f.message("older complaint", in: c, author: "1")
            try await AddSearch().prepare(on: db)
            #expect(try await ids(db, "ana complaint") == [m])
            let n = try await f.message("newer complaint", in: c, author: "1", at: 1)
            #expect(try await ids(db, "complaint") == [m, n])
        }
    }
}
