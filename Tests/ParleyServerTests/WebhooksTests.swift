import Foundation
import ParleyCore
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// The Account Activity webhook over HTTP: CRC, signed deliveries journaled before the 200,
/// and nothing stored for a delivery whose signature does not check out.
@Suite(.serialized) struct WebhooksTests {
    static let secret = "test-consumer-secret"
    static let delivery = #"{"for_user_id":"100","direct_message_events":[{"type":"message_create","id":"9001","created_timestamp":"1795600000000","message_create":{"target":{"recipient_id":"100"},"sender_id":"900","message_data":{"text":"hi, my order is late"}}}],"users":{"900":{"id":"900","name":"Casey","screen_name":"casey"}}}"#

    func withWebhookApp(_ body: (Application) async throws -> Void) async throws {
        try await withTestApp(configure: { $0.x.consumerSecret = Self.secret }) { app, _ in
            try await HandleQueries(database: app.db).upsert(Handle(
                id: StableID.make("handle", "100"), xUserID: "100", username: "AcmeCare", name: "Acme Care", role: .care, terms: []))
            try await body(app)
        }
    }

    @Test func crcChallengeIsAnswered() async throws {
        try await withWebhookApp { app in
            let expected = try WebhookSigner(consumerSecret: Self.secret).crcResponse(crcToken: "challenge-123")
            try await app.testing().test(.GET, "webhooks/x?crc_token=challenge-123", afterResponse: { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(WebhookCRCResponse.self)
                #expect(body == expected)
                #expect(body.responseToken.hasPrefix("sha256="))
            })
            try await app.testing().test(.GET, "webhooks/x", afterResponse: { res in
                #expect(res.status == .badRequest)
            })
        }
    }

    @Test func signedDeliveryIsJournaledThenProcessed() async throws {
        try await withWebhookApp { app in
            let body = Data(Self.delivery.utf8)
            var headers = HTTPHeaders()
            headers.add(name: WebhookSigner.signatureHeaderName, value: WebhookSigner(consumerSecret: Self.secret).signature(for: body))
            try await app.testing().test(.POST, "webhooks/x", headers: headers, beforeRequest: { req in
                req.body = ByteBuffer(data: body)
            }, afterResponse: { res in
                #expect(res.status == .ok)
            })
            let journaled = try await Journal(database: app.db).pending(limit: 10)
            #expect(journaled.map(\.event.source) == [.xWebhook])
            #expect(journaled.first?.event.payload == body)
            try await ParleyApp.processor(for: app).drain()
            let stats = try await StoreStats.load(from: app.db)
            #expect(stats.messagesByKind["dm"] == 1)
        }
    }

    @Test func badSignaturesGet401AndStoreNothing() async throws {
        try await withWebhookApp { app in
            let body = Data(Self.delivery.utf8)
            let forged = WebhookSigner(consumerSecret: "someone-else").signature(for: body)
            let valid = WebhookSigner(consumerSecret: Self.secret).signature(for: body)
            let attempts: [(String?, Data)] = [
                (forged, body), (nil, body), ("sha256=not-base64!", body), ("md5=abc", body),
                (valid, body + Data(" ".utf8)),
            ]
            for (header, payload) in attempts {
                var headers = HTTPHeaders()
                if let header { headers.add(name: WebhookSigner.signatureHeaderName, value: header) }
                try await app.testing().test(.POST, "webhooks/x", headers: headers, beforeRequest: { req in
                    req.body = ByteBuffer(data: payload)
                }, afterResponse: { res in
                    #expect(res.status == .unauthorized)
                    let error = try res.content.decode(ErrorBodyDTO.self)
                    #expect(error.error.code == "bad_signature")
                    #expect(!error.error.message.contains(Self.secret))
                })
            }
            let journal = try await Journal(database: app.db).counts()
            #expect(journal.isEmpty)
        }
    }

    @Test func withoutASecretNothingIsAccepted() async throws {
        try await withTestApp { app, _ in
            try await app.testing().test(.GET, "webhooks/x?crc_token=x", afterResponse: { res in
                #expect(res.status == .serviceUnavailable)
            })
            try await app.testing().test(.POST, "webhooks/x", beforeRequest: { req in
                req.body = ByteBuffer(string: Self.delivery)
            }, afterResponse: { res in
                #expect(res.status == .serviceUnavailable)
            })
            let journal = try await Journal(database: app.db).counts()
            #expect(journal.isEmpty)
        }
    }
}
