import FluentSQL
import Foundation
import ParleyCore
@testable import ParleyStore
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// SLA policies over the API, measured by the desk pass: warning, breach (audit, priority, alert).
@Suite(.serialized) struct SLATests {
    static let policy = #"{"min_priority":0,"policy":{"first_response_minutes":60,"next_response_minutes":30,"calendar":{"timezone":"Europe/London"}}}"#

    /// A second local server that collects what the alert webhook receives.
    final class AlertSink: Sendable {
        let bodies = Mutex<[String]>([])
    }

    @Test func aCaseWarnsThenBreachesAndTheSupervisorsAreAlerted() async throws {
        let sink = AlertSink()
        let receiver = try await Application.make(Environment(name: "testing", arguments: ["alerts"]))
        receiver.post("hook") { req -> HTTPStatus in
            // The first delivery finds the receiver failing; the retry gets through.
            let count = sink.bodies.withLock { $0.append(req.body.string ?? ""); return $0.count }
            return count == 1 ? .internalServerError : .ok
        }
        try await receiver.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(receiver.http.server.shared.localAddress?.port)
        do {
            try await withTestApp(configure: { $0.desk.alertWebhookURL = "http://127.0.0.1:\(port)/hook"; $0.desk.slaRefresh = 0 }) { app, clock in
                let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
                try await app.testing().test(.POST, "api/v1/sla-policies", headers: admin, beforeRequest: { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: Self.policy)
                }, afterResponse: { res throws in #expect(res.status == .created, "\(res.body.string)") })
                try await HandleQueries(database: app.db).upsert(Handle(
                    id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
                let opened = ISO8601DateFormatter().string(from: clock.now)
                _ = try await replayMax(app, [LifecycleTests.post("9001", "still waiting on my order", at: opened)])
                let id = try #require(try await ConversationQueries(database: app.db).page(state: nil, handleID: nil, limit: 1, after: nil).items.first?.conversation.id)
                let before = try #require(try await ConversationQueries(database: app.db).find(id)).triage.priority

                try await ParleyApp.deskWorker(for: app).runOnce()
                #expect(try await DeskFieldsQueries(database: app.db).fields([id])[id]?.slaStatus == "ok")
                clock.advance(by: 50 * 60)
                try await ParleyApp.deskWorker(for: app).runOnce()
                #expect(try await DeskFieldsQueries(database: app.db).fields([id])[id]?.slaStatus == "warning")
                clock.advance(by: 11 * 60)
                #expect(try await ParleyApp.deskWorker(for: app).runOnce().breached == 1)
                let fields = try #require(try await DeskFieldsQueries(database: app.db).fields([id])[id])
                #expect(fields.slaStatus == "breached")
                #expect(fields.priorityOverride == nil, "a breach raises the priority; it sets no override")
                #expect(try await ConversationQueries(database: app.db).find(id)?.priority == min(100, before + PriorityAdjustment.breachRaise))
                #expect(try await AuditQueries(database: app.db).trail(id).map(\.action.rawValue).contains("sla_breached"))
                // Once: the next pass does not alert again.
                #expect(try await ParleyApp.deskWorker(for: app).runOnce().breached == 0)
                // The alert is a job: refused once, retried after its back-off, then done.
                let jobs = ParleyApp.jobRunner(for: app)
                #expect(try await jobs.runOnce() == 1)
                #expect(try await jobs.runOnce() == 0, "retried before its back-off")
                clock.advance(by: 30)
                #expect(try await jobs.runOnce() == 1)
                #expect(try await JobQueries(database: app.db).counts() == [.done: 1])
                clock.advance(by: 3600)
                #expect(try await jobs.runOnce() == 0)
            }
            let alerts = sink.bodies.withLock { $0 }
            #expect(alerts.count == 2)
            #expect(alerts[0] == alerts[1])
            #expect(alerts.first?.contains(#""event":"sla_breach""#) == true)
            #expect(alerts.first?.contains(#""target":"first_response""#) == true)
        } catch {
            await receiver.server.shutdown()
            try? await receiver.asyncShutdown()
            throw error
        }
        await receiver.server.shutdown()
        try await receiver.asyncShutdown()
    }

    @Test(arguments: [
        #"{"policy":{"first_response_minutes":0,"next_response_minutes":30}}"#,
        #"{"policy":{"first_response_minutes":60,"next_response_minutes":30,"calendar":{"timezone":"Mars/Olympus"}}}"#,
        #"{"policy":{"first_response_minutes":60,"next_response_minutes":30,"calendar":{"timezone":"UTC","hours":{"mon":[["10:00","09:00"]]}}}}"#,
        #"{"policy":{"first_response_minutes":60,"next_response_minutes":30,"calendar":{"timezone":"UTC","hours":{}}}}"#,
    ])
    func invalidPoliciesAreRefusedAtSaveTime(_ body: String) async throws {
        try await withTestApp { app, _ in
            let admin = try await makeAgent(app, email: "root@example.com", role: .admin)
            try await app.testing().test(.POST, "api/v1/sla-policies", headers: admin, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: body)
            }, afterResponse: { res throws in
                #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(res.status) \(res.body.string)")
            })
            #expect(try await SLAQueries(database: app.db).policies().isEmpty)
        }
    }

    @Test func availabilityIsPublishedPerHandle() async throws {
        try await withTestApp { app, _ in
            let agent = try await makeAgent(app)
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            try await app.testing().test(.GET, "api/v1/handles/AcmeCare/availability", headers: agent, afterResponse: { res throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""open_now":true"#))
                #expect(res.body.string.contains("We usually reply within 60 minutes."))
            })
            try await app.testing().test(.GET, "api/v1/handles/nobody/availability", headers: agent, afterResponse: { res throws in
                #expect(res.status == .notFound)
            })
        }
    }
}
