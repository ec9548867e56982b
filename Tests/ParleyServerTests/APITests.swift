import Foundation
import ParleyCore
@testable import ParleyStore
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The JSON API's contract: auth, pagination, events, and bad input.
@Suite(.serialized) struct APITests {
    @Test func everyAPIRouteNeedsAUser() async throws {
        try await withTestApp { app, _ in
            for (method, path) in [(HTTPMethod.GET, "api/v1/conversations"), (.GET, "api/v1/conversations/\(UUID())"),
                                   (.POST, "api/v1/conversations/\(UUID())/replies"), (.POST, "api/v1/events")] {
                try await app.testing().test(method, path, afterResponse: { res in
                    #expect(res.status == .unauthorized)
                    let body = try res.content.decode(ErrorBodyDTO.self)
                    #expect(body.error.code == "unauthorized")
                })
            }
            var bad = HTTPHeaders()
            bad.bearerAuthorization = BearerAuthorization(token: "pk_not_a_token")
            try await app.testing().test(.GET, "api/v1/conversations", headers: bad, afterResponse: { res in
                #expect(res.status == .unauthorized)
            })
        }
    }

    @Test func queuePagesAreStableAndComplete() async throws {
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(400)))
            let headers = try await makeAgent(app)
            var ids: [UUID] = []
            var cursor: String?
            var lastActivity = Date.distantFuture
            repeat {
                let path = "api/v1/conversations?limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await app.testing().test(.GET, path, headers: headers, afterResponse: { res in
                    #expect(res.status == .ok)
                    let page = try res.content.decode(ConversationListDTO.self)
                    for item in page.data {
                        #expect(item.lastMessageAt <= lastActivity)
                        lastActivity = item.lastMessageAt
                    }
                    ids += page.data.map(\.id)
                    cursor = page.nextCursor
                })
            } while cursor != nil
            let total = try await StoreStats.load(from: app.db).conversationsByState.values.reduce(0, +)
            #expect(ids.count == total)
            #expect(Set(ids).count == ids.count)

            try await app.testing().test(.GET, "api/v1/conversations?state=resolved", headers: headers, afterResponse: { res in
                let decoded = try res.content.decode(ConversationListDTO.self)
                #expect(decoded.data.isEmpty)
            })
            try await app.testing().test(.GET, "api/v1/conversations?state=bogus", headers: headers, afterResponse: { res in
                #expect(res.status == .badRequest)
            })
            try await app.testing().test(.GET, "api/v1/conversations?cursor=nonsense", headers: headers, afterResponse: { res in
                #expect(res.status == .badRequest)
            })
            try await app.testing().test(.GET, "api/v1/conversations?handle=AdobeCare&limit=200", headers: headers, afterResponse: { res in
                let page = try res.content.decode(ConversationListDTO.self)
                #expect(page.data.allSatisfy { $0.handle.username == "AdobeCare" })
            })
        }
    }

    @Test func conversationDetailHasMessagesAndResolveRoundTrips() async throws {
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(100)))
            let headers = try await makeAgent(app)
            let first = try #require(try await ConversationQueries(database: app.db).page(state: .open, handleID: nil, limit: 1, after: nil).items.first)
            let id = first.conversation.id
            try await app.testing().test(.GET, "api/v1/conversations/\(id)", headers: headers, afterResponse: { res in
                #expect(res.status == .ok)
                let detail = try res.content.decode(ConversationDTO.self)
                #expect(detail.messages?.count == first.conversation.messageCount)
                #expect(detail.state == "open")
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/resolve", headers: headers, afterResponse: { res in
                let decoded = try res.content.decode(ConversationDTO.self)
                #expect(decoded.state == "resolved")
            })
            try await app.testing().test(.POST, "api/v1/conversations/\(id)/resolve", headers: headers, afterResponse: { res in
                #expect(res.status == .conflict)
            })
            // Desk actions are journaled: a rebuild keeps the case resolved.
            try await ParleyApp.rebuildFromJournal(app)
            #expect(try await ConversationQueries(database: app.db).find(id)?.state == .resolved)
            try await app.testing().test(.GET, "api/v1/conversations/\(UUID())", headers: headers, afterResponse: { res in
                #expect(res.status == .notFound)
                let body = try res.content.decode(ErrorBodyDTO.self)
                #expect(body.error.code == "not_found")
            })
        }
    }

    @Test func eventsAreJournaledBeforeTheAnswerAndBadOnesAreKept() async throws {
        try await withTestApp { app, _ in
            let headers = try await makeAgent(app, role: .admin, scopes: [.ingest])
            let post = ReplyLoopTests.customerPost
            try await app.testing().test(.POST, "api/v1/events", headers: headers, beforeRequest: { req in
                req.body = ByteBuffer(string: post)
            }, afterResponse: { res in
                #expect(res.status == .accepted)
                let accepted = try res.content.decode(EventAcceptedDTO.self)
                #expect(accepted.duplicate == false)
            })
            #expect(try await Journal(database: app.db).counts()[.pending] == 1)
            try await app.testing().test(.POST, "api/v1/events", headers: headers, beforeRequest: { req in
                req.body = ByteBuffer(string: post)
            }, afterResponse: { res in
                let decoded = try res.content.decode(EventAcceptedDTO.self)
                #expect(decoded.duplicate == true)
            })
            let hostile: [[UInt8]] = [
                Array("{not json".utf8), Array("<html><body>Bad gateway</body></html>".utf8), [0xff, 0xfe, 0x7b, 0x00],
                Array(#"{"data":{"id":12}}"#.utf8), Array("[]".utf8),
            ]
            for body in hostile {
                try await app.testing().test(.POST, "api/v1/events", headers: headers, beforeRequest: { req in
                    req.body = ByteBuffer(bytes: body)
                }, afterResponse: { res in
                    #expect(res.status == .accepted)
                })
            }
            try await app.testing().test(.POST, "api/v1/events", headers: headers, beforeRequest: { req in
                req.body = ByteBuffer(repeating: UInt8(ascii: "a"), count: 1_048_577)
            }, afterResponse: { res in
                #expect(res.status == .payloadTooLarge)
            })
            try await app.testing().test(.POST, "api/v1/events", headers: headers, afterResponse: { res in
                #expect(res.status == .badRequest)
            })
            try await ParleyApp.processor(for: app).drain()
            let counts = try await Journal(database: app.db).counts()
            #expect(counts[.malformed] == hostile.count)
            #expect(counts[.processed] == 1)
            #expect(try await StoreStats.load(from: app.db).journalEvents == 1 + hostile.count)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await withTestApp { app, _ in
            try await app.testing().test(.GET, "health", afterResponse: { res in
                #expect(res.status == .ok)
            })
            _ = try await replayMax(app, [Data("garbage".utf8)])
            try await app.testing().test(.GET, "metrics", afterResponse: { res in
                #expect(res.status == .ok)
                let text = res.body.string
                #expect(text.contains("parley_events_ingested_total 1"))
                #expect(text.contains("parley_events_malformed_total 1"))
                #expect(text.contains("parley_pipeline_batch_seconds"))
                #expect(text.contains(#"parley_outbox_items{state="queued"} 0"#))
            })
        }
    }
}

/// "Answer questions and complaints first": the queue ordered by triage priority, paged stably.
@Suite(.serialized) struct PriorityQueueTests {
    @Test func priorityOrderPagesAreCompleteAndMostUrgentFirst() async throws {
        try await withTestApp { app, _ in
            try await seedDemoHandles(app)
            _ = try await replayMax(app, Array(try demoStreamLines().prefix(400)))
            let headers = try await makeAgent(app)
            var seen: [UUID] = []
            var last: (Int, Date) = (Int.max, .distantFuture)
            var cursor: String?
            repeat {
                let path = "api/v1/conversations?sort=priority&limit=11" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await app.testing().test(.GET, path, headers: headers, afterResponse: { res in
                    #expect(res.status == .ok)
                    let page = try res.content.decode(ConversationListDTO.self)
                    for item in page.data {
                        let key = (item.priority.score, item.lastMessageAt)
                        #expect(key.0 < last.0 || (key.0 == last.0 && key.1 <= last.1))
                        last = key
                    }
                    seen += page.data.map(\.id)
                    cursor = page.nextCursor
                })
            } while cursor != nil
            let total = try await StoreStats.load(from: app.db).conversationsByState.values.reduce(0, +)
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            // Scores differ across the demo's cases, so the order is not just last activity.
            let scores = try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 200, after: nil)
                .items.map(\.conversation.triage.priority)
            #expect(Set(scores).count > 1)

            var firstActivityCursor: String?
            try await app.testing().test(.GET, "api/v1/conversations?limit=5", headers: headers, afterResponse: { res in
                firstActivityCursor = try res.content.decode(ConversationListDTO.self).nextCursor
            })
            let mixed = try #require(firstActivityCursor)
            try await app.testing().test(.GET, "api/v1/conversations?sort=priority&cursor=\(mixed)", headers: headers, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
            })
            try await app.testing().test(.GET, "api/v1/conversations?sort=alphabetical", headers: headers, afterResponse: { res in
                #expect(res.status == .badRequest)
            })
        }
    }
}
