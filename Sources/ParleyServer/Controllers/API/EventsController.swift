import Foundation
import ParleyCore
import Vapor

/// `POST /api/v1/events`: one raw X payload, answered 202 only once it is in the journal.
/// Malformed payloads are journaled too (and marked by the processor), so nothing is lost. Only
/// an API token with the `ingest` scope may call it: a payload can look like the brand's own post.
struct EventsController: RouteCollection {
    let maxBodyBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "events", body: .collect(maxSize: ByteCount(value: maxBodyBytes)), use: create)
            .userInfo[TokenScopeCheck.scopeKey] = TokenScope.ingest.rawValue
    }

    @Sendable func create(req: Request) async throws -> Response {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw HTTPError(.badRequest, "empty_body", "Send one X payload as the request body.")
        }
        // The route collects at most this much; checked here too for bodies that arrive already collected.
        guard buffer.readableBytes <= maxBodyBytes else {
            throw HTTPError(.payloadTooLarge, "payload_too_large", "An event may be at most \(maxBodyBytes) bytes.")
        }
        let payload = Data(buffer: buffer)
        let ingestor = req.parley.services.ingestor(database: req.db)
        let event = ingestor.rawEvent(payload, source: .api)
        let added = try await ingestor.receive([event])
        return try await EventAcceptedDTO(externalID: event.externalID, duplicate: added == 0)
            .encodeResponse(status: .accepted, for: req)
    }
}
