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
    }

    @Sendable func health(req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw HTTPError(.serviceUnavailable, "database", "No SQL database.") }
            try await sql.raw("SELECT 1").run()
            return try await HealthDTO(status: "ok", database: "ok").encodeResponse(for: req)
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
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
