import Foundation
import ParleyFakeX
import Testing

@Suite("Account Activity webhooks")
struct WebhookTests {
    @Test func registrationNeedsACorrectCRCAnswer() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            // The fake itself answers 404 to the CRC GET, so the check must fail.
            let refused = try await fake.send(
                .POST, "/2/webhooks", bearer: "fake-app-bearer", json: ["url": fake.baseURL + "/hook"])
            #expect(refused.status == 400)
            #expect(refused.text.contains("CrcValidationFailed"))
            let list = try await fake.get("/2/webhooks").json()
            #expect((list["meta"] as? [String: Any])?["result_count"] as? Int == 0)
            let userContext = try await fake.send(
                .POST, "/2/webhooks", bearer: await fake.brandToken(), json: ["url": fake.baseURL + "/hook"])
            #expect(userContext.status == 403)
            await #expect(throws: FakeXError.noWebhookRegistered) { _ = try await fake.deliverActivity(Data("{}".utf8)) }
        }
    }
}
