import Fluent
import FluentSQL
import Foundation
import Prometheus
import ParleyStore
import Vapor

/// `/health` for load balancers and `/metrics` for Prometheus.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("metrics", use: metrics)
    }

    struct HealthDTO: Content {
        var status: String
        var database: String
        /// Present when the X connector runs: each handle's connection, so a monitor sees a
        /// handle that needs re-authorization or whose reads its budget paused.
        var x: [XHandleHealth]?
    }

    struct XHandleHealth: Content {
        var handle: String
        var authState: String
        var authError: String?
        var readsPaused: Bool

        enum CodingKeys: String, CodingKey {
            case handle
            case authState = "auth_state"
            case authError = "auth_error"
            case readsPaused = "reads_paused"
        }
    }

    @Sendable func health(req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw HTTPError(.serviceUnavailable, "database", "No SQL database.") }
            try await sql.raw("SELECT 1").run()
            guard let x = req.application.parleyServices.x else {
                return try await HealthDTO(status: "ok", database: "ok").encodeResponse(for: req)
            }
            var handles: [XHandleHealth] = []
            for status in try await XConnectionQueries(database: req.db).statuses() {
                handles.append(XHandleHealth(
                    handle: status.username, authState: status.authState.rawValue, authError: status.authError,
                    readsPaused: try await x.meter.budgetReached(status)))
            }
            let degraded = handles.contains { $0.authState == XAuthState.needsReauth.rawValue || $0.readsPaused }
            return try await HealthDTO(status: degraded ? "degraded" : "ok", database: "ok", x: handles).encodeResponse(for: req)
        } catch {
            req.logger.error("health check failed", metadata: ["error": "\(error)"])
            return try await HealthDTO(status: "unavailable", database: "unreachable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        let services = req.application.parleyServices
        var text = services.metrics.registry.emitToString()
        // Outbox states are read from the store, so every process reports the shared truth.
        let outbox = try await req.parley.outbox.countsByState()
        text += "# TYPE parley_outbox_items gauge\n"
        for state in ["queued", "sending", "sent", "failed"] {
            text += "parley_outbox_items{state=\"\(state)\"} \(outbox[state] ?? 0)\n"
        }
        let journal = try await Journal(database: req.db).counts()
        text += "# TYPE parley_journal_events gauge\n"
        for status in Journal.Status.allCases {
            text += "parley_journal_events{status=\"\(status.rawValue)\"} \(journal[status] ?? 0)\n"
        }
        if services.x != nil {
            // Daily and monthly totals come from the store: every process reports the same figures.
            let cost = try await XCostReport.build(database: req.db, now: services.effects.now())
            text += "# TYPE parley_x_cost_usd gauge\n"
            for (handle, line) in cost.handles.sorted(by: { $0.key < $1.key }) {
                text += "parley_x_cost_usd{period=\"today\",handle=\"\(handle)\"} \(line.today.costUSD)\n"
                text += "parley_x_cost_usd{period=\"month\",handle=\"\(handle)\"} \(line.month.costUSD)\n"
            }
            text += "# TYPE parley_x_reads_paused gauge\n"
            for (handle, line) in cost.handles.sorted(by: { $0.key < $1.key }) where line.budgetUSD != nil {
                text += "parley_x_reads_paused{handle=\"\(handle)\"} \(line.readsPaused ? 1 : 0)\n"
            }
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
