import Foundation
import Testing

@testable import ParleyX

@Suite struct WebhookSignerTests {
    /// `../shared/data/x-api-official/webhook_signature_vectors.json` (from the MIT
    /// xdevplatform/autohook tests; see PROVENANCE.md there). Read in place: missing fails the test.
    struct Vectors: Decodable {
        struct Vector: Decodable {
            var consumer_secret: String
            var body: String
            var expected_header: String
        }
        var post_signature_vectors: [Vector]
    }

    static func vectors() throws -> [Vectors.Vector] {
        try JSONDecoder().decode(
            Vectors.self, from: SharedData.bytes("x-api-official/webhook_signature_vectors.json")
        ).post_signature_vectors
    }

    @Test func everyVectorReproducesAndVerifies() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 2)
        for vector in vectors {
            let signer = WebhookSigner(consumerSecret: vector.consumer_secret)
            let body = Data(vector.body.utf8)
            #expect(signer.signature(for: body) == vector.expected_header)
            #expect(throws: Never.self) { try signer.verify(body: body, signatureHeader: vector.expected_header) }
            // Same digest as the header, so a CRC for the same bytes gets the same token.
            #expect(try signer.crcResponse(crcToken: vector.body).responseToken == vector.expected_header)
        }
    }

    @Test func tamperedBodyIsAMismatch() throws {
        for vector in try Self.vectors() {
            let signer = WebhookSigner(consumerSecret: vector.consumer_secret)
            for tampered in [vector.body + " ", String(vector.body.dropLast()), vector.body.uppercased(), ""] {
                #expect(throws: WebhookSignatureError.mismatch) {
                    try signer.verify(body: Data(tampered.utf8), signatureHeader: vector.expected_header)
                }
            }
        }
    }

    @Test func wrongSecretIsAMismatch() throws {
        for vector in try Self.vectors() {
            #expect(throws: WebhookSignatureError.mismatch) {
                try WebhookSigner(consumerSecret: vector.consumer_secret + "x")
                    .verify(body: Data(vector.body.utf8), signatureHeader: vector.expected_header)
            }
        }
    }

    @Test func missingHeader() {
        #expect(throws: WebhookSignatureError.missingHeader) {
            try WebhookSigner(consumerSecret: "test").verify(body: Data("x".utf8), signatureHeader: nil)
        }
    }

    @Test(arguments: [
        ("", "expected the sha256= prefix"),
        ("25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=", "expected the sha256= prefix"),
        ("sha1=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=", "expected the sha256= prefix"),
        ("SHA256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=", "expected the sha256= prefix"),
        ("sha256=", "the digest is 0 bytes, expected 32"),
        ("sha256=not*base64", "the digest is not base64"),
        ("sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc", "the digest is not base64"),
        ("sha256=AAAA", "the digest is 3 bytes, expected 32"),
        ("sha256=" + Data(count: 33).base64EncodedString(), "the digest is 33 bytes, expected 32"),
    ])
    func malformedHeader(header: String, reason: String) {
        #expect(throws: WebhookSignatureError.malformedHeader(reason: reason)) {
            try WebhookSigner(consumerSecret: "test").verify(body: Data("test=1&other_test=2".utf8), signatureHeader: header)
        }
    }

    @Test func surroundingWhitespaceIsTolerated() throws {
        try WebhookSigner(consumerSecret: "test").verify(
            body: Data("test=1&other_test=2".utf8),
            signatureHeader: " sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc= ")
    }

    /// X's docs give no fixed CRC vector; this one is HMAC-SHA256 computed independently
    /// (Python's hmac module) for the secret and token below.
    @Test func crcResponse() throws {
        let response = try WebhookSigner(consumerSecret: "consumer-secret").crcResponse(crcToken: "crc-token-123")
        #expect(response.responseToken == "sha256=\(Self.independentCRC)")
        let json = try JSONDecoder().decode([String: String].self, from: JSONEncoder().encode(response))
        #expect(json == ["response_token": "sha256=\(Self.independentCRC)"])
    }

    static let independentCRC = "pqNVCku98klY+uShlb3Xa/LIgd2B2xq7EveP37yRYOI="

    @Test func crcWithoutToken() {
        let signer = WebhookSigner(consumerSecret: "test")
        #expect(throws: WebhookSignatureError.missingCRCToken) { try signer.crcResponse(crcToken: nil) }
        #expect(throws: WebhookSignatureError.missingCRCToken) { try signer.crcResponse(crcToken: "") }
    }

    @Test func messagesNeverShowSecretHeaderOrBody() {
        let secret = "SUPER-SECRET-VALUE"
        let body = Data("{\"direct_message_events\":[{\"text\":\"my order 12345\"}]}".utf8)
        let signer = WebhookSigner(consumerSecret: secret)
        let good = signer.signature(for: body)
        var dumped = ""
        dump(signer, to: &dumped)
        var texts = ["\(signer)", String(reflecting: signer), dumped]
        for header in [nil, "garbage-header", "sha256=" + Data(count: 3).base64EncodedString(), good] {
            do { try signer.verify(body: Data("other".utf8), signatureHeader: header) } catch {
                texts.append("\(error)")
            }
        }
        #expect(texts.count == 7)
        for text in texts {
            #expect(!text.contains(secret) && !text.contains("12345") && !text.contains("garbage-header"))
            #expect(!text.contains(String(good.dropFirst(7))))
        }
    }
}
