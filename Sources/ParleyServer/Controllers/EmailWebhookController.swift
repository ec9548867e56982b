import Crypto
import Foundation
import ParleyCore
import Vapor

/// `POST /webhooks/email`: raw RFC 5322 messages from an inbound-mail relay, authenticated by a
/// shared secret (`Authorization: Bearer <PARLEY_INBOUND_EMAIL_SECRET>`, compared in constant
/// time; a wrong one gets 401 and nothing is stored). A message is in the journal before the 200;
/// one that cannot be read as e-mail is journaled too (marked malformed: nothing is lost) and
/// answered 422, so the relay does not send it again. Over the size cap: 413; a burst from one
/// sender: 429 with `Retry-After`.
struct EmailWebhookController: RouteCollection {
    let secret: String?
    let maxBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "webhooks", "email", body: .collect(maxSize: ByteCount(value: maxBytes)), use: receive)
    }

    struct Accepted: Content {
        var accepted: Bool
        var messageID: String?
        enum CodingKeys: String, CodingKey {
            case accepted
            case messageID = "message_id"
        }
    }

    @Sendable func receive(req: Request) async throws -> Response {
        guard let secret else {
            throw HTTPError(.serviceUnavailable, "inbound_email_not_configured", "Set PARLEY_INBOUND_EMAIL_SECRET to receive e-mail.")
        }
        guard let given = req.headers.bearerAuthorization?.token, Self.sameSecret(given, secret) else {
            throw HTTPError(.unauthorized, "bad_secret", "The relay's secret is missing or wrong.")
        }
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        guard body.count <= maxBytes else {
            throw HTTPError(.payloadTooLarge, "payload_too_large", "An e-mail may be at most \(maxBytes) bytes.")
        }
        guard !body.isEmpty else { throw HTTPError(.badRequest, "empty_body", "POST the raw message (RFC 5322) as the body.") }
        let parsed = Result { () throws(EmailParseError) in try EmailParser.parse(body) }
        if case .success(let email) = parsed {
            let limit = req.application.parleyServices.inboundMailLimit
            let now = req.parley.effects.now()
            if let wait = await limit.retryAfter(email.from.address, now: now) {
                throw HTTPError(.tooManyRequests, "too_many_messages", "Too many messages from this sender; try again later.", retryAfter: Int(wait.rounded(.up)))
            }
            await limit.record(email.from.address, now: now)
        }
        let ingestor = req.parley.services.ingestor(database: req.db)
        // Keyed by its Message-ID, so a relay's retry is journaled once and the case can find the
        // original (its attachments) again; without one, by its bytes.
        var event = ingestor.rawEvent(body, source: .email)
        if case .success(let email) = parsed, let id = email.messageID { event.externalID = MailAttachments.journalKey(messageID: id) }
        try await ingestor.receive([event])
        switch parsed {
        case .success(let email):
            return try await Accepted(accepted: true, messageID: email.messageID).encodeResponse(status: .ok, for: req)
        case .failure(let error):
            throw HTTPError(.unprocessableEntity, "not_an_email", "Kept, but not readable as e-mail: \(error.description)")
        }
    }

    /// Compares digests of both, so the time taken says nothing about how much matched.
    static func sameSecret(_ given: String, _ secret: String) -> Bool {
        let key = SymmetricKey(size: .bits256)
        let expected = HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: key)
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: Data(given.utf8), using: key)
    }
}
