import Foundation
import ParleyCore
import ParleyX
import Vapor

/// X's Account Activity webhook: the CRC challenge (`GET`) and signed deliveries (`POST`).
/// A delivery is verified against the raw bytes before anything else and answered 200 only once
/// it is in the journal; a bad signature gets 401 and stores nothing.
struct WebhooksController: RouteCollection {
    let signer: WebhookSigner?
    let maxBodyBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("webhooks", "x")
        webhooks.get(use: crc)
        webhooks.on(.POST, body: .collect(maxSize: ByteCount(value: maxBodyBytes)), use: deliver)
    }

    private func requireSigner() throws -> WebhookSigner {
        guard let signer else {
            throw HTTPError(.serviceUnavailable, "webhook_not_configured", "Set X_CONSUMER_SECRET to receive X webhooks.")
        }
        return signer
    }

    @Sendable func crc(req: Request) async throws -> WebhookCRCResponse {
        try requireSigner().crcResponse(crcToken: req.query["crc_token"])
    }

    @Sendable func deliver(req: Request) async throws -> HTTPStatus {
        let signer = try requireSigner()
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        guard body.count <= maxBodyBytes else {
            throw HTTPError(.payloadTooLarge, "payload_too_large", "A delivery may be at most \(maxBodyBytes) bytes.")
        }
        try signer.verify(body: body, signatureHeader: req.headers.first(name: WebhookSigner.signatureHeaderName))
        let ingestor = req.parley.services.ingestor(database: req.db)
        try await ingestor.receive([ingestor.rawEvent(body, source: .xWebhook)])
        return .ok
    }
}

extension WebhookCRCResponse: AsyncResponseEncodable {
    public func encodeResponse(for request: Request) async throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(self, as: .json)
        return response
    }
}
