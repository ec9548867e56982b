import AsyncHTTPClient
import NIOConcurrencyHelpers
import Foundation
import ParleyFakeX
import Testing

@Suite("OAuth 2.0")
struct OAuthTests {
    /// RFC 7636 appendix B.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    static let redirect = "http://127.0.0.1:9/callback"

    static func authorize(_ fake: FakeX, extra: String = "") async throws -> String {
        let query = [
            "response_type=code", "client_id=fake-client-id", "redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback",
            "scope=tweet.read%20users.read%20offline.access", "state=xyz", "code_challenge=\(challenge)",
            "code_challenge_method=S256",
        ].joined(separator: "&")
        let reply = try await fake.send(.GET, "/i/oauth2/authorize?\(query)\(extra)")
        #expect(reply.status == 302)
        let location = try #require(reply.headers.first(name: "location"))
        #expect(location.hasPrefix(redirect + "?state=xyz&code="))
        let items = URLComponents(string: location)?.queryItems ?? []
        return try #require(items.first { $0.name == "code" }?.value)
    }

    static func tokenRequest(_ fake: FakeX, _ form: String) async throws -> Reply {
        try await fake.send(.POST, "/2/oauth2/token", form: form)
    }

    @Test func pkceCodeExchangeAndRefreshRotation() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let code = try await Self.authorize(fake)
            let wrong = try await Self.tokenRequest(
                fake,
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.redirect)&client_id=fake-client-id&code_verifier=wrong-verifier-wrong-verifier-wrong-verifier"
            )
            #expect(wrong.status == 400)
            #expect(try wrong.json()["error"] as? String == "invalid_request")

            let code2 = try await Self.authorize(fake)
            let granted = try await Self.tokenRequest(
                fake,
                "grant_type=authorization_code&code=\(code2)&redirect_uri=\(Self.redirect)&client_id=fake-client-id&code_verifier=\(Self.verifier)"
            )
            #expect(granted.status == 200)
            let tokens = try granted.json()
            #expect(tokens["token_type"] as? String == "bearer")
            #expect(tokens["expires_in"] as? Int == 7200)
            let access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)
            let me = try await fake.get("/2/users/me", bearer: access).json()
            #expect((me["data"] as? [String: Any])?["id"] as? String == FakeXSeed.brandUserID)
            let reused = try await Self.tokenRequest(
                fake,
                "grant_type=authorization_code&code=\(code2)&redirect_uri=\(Self.redirect)&client_id=fake-client-id&code_verifier=\(Self.verifier)"
            )
            #expect(reused.status == 400, "codes are single-use")

            let rotated = try await Self.tokenRequest(
                fake, "grant_type=refresh_token&refresh_token=\(refresh)&client_id=fake-client-id")
            #expect(rotated.status == 200)
            let newRefresh = try #require(try rotated.json()["refresh_token"] as? String)
            #expect(newRefresh != refresh)
            let old = try await Self.tokenRequest(
                fake, "grant_type=refresh_token&refresh_token=\(refresh)&client_id=fake-client-id")
            #expect(old.status == 400)
            #expect(try old.json()["error"] as? String == "invalid_request")
        }
    }

    @Test func loginUserPicksTheAccount() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let code = try await Self.authorize(fake, extra: "&login_user=TweepyDev")
            let tokens = try await Self.tokenRequest(
                fake,
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.redirect)&client_id=fake-client-id&code_verifier=\(Self.verifier)"
            ).json()
            let access = try #require(tokens["access_token"] as? String)
            let me = try await fake.get("/2/users/me", bearer: access).json()
            #expect((me["data"] as? [String: Any])?["id"] as? String == FakeXSeed.customerUserID)
        }
    }

    @Test func accessTokensExpire() async throws {
        let clock = TestClock()
        try await withFakeX(FakeX.Options(accessTokenLifetime: 60, now: { clock.now })) { (fake: FakeX) async throws in
            let token = await fake.brandToken()
            #expect(try await fake.get("/2/users/me", bearer: token).status == 200)
            clock.advance(by: 61)
            #expect(try await fake.get("/2/users/me", bearer: token).status == 401)
        }
    }

    @Test func appOnlyClientCredentials() async throws {
        try await withFakeX { (fake: FakeX) async throws in
            let basic = Data("fake-consumer-key:fake-consumer-secret".utf8).base64EncodedString()
            let reply = try await fake.send(
                .POST, "/oauth2/token", form: "grant_type=client_credentials", headers: [("Authorization", "Basic \(basic)")])
            #expect(reply.status == 200)
            #expect(try reply.json()["access_token"] as? String == "fake-app-bearer")
            let bad = Data("fake-consumer-key:nope".utf8).base64EncodedString()
            let refused = try await fake.send(
                .POST, "/oauth2/token", form: "grant_type=client_credentials", headers: [("Authorization", "Basic \(bad)")])
            #expect(refused.status == 403)
        }
    }
}

/// A settable clock for expiry tests.
final class TestClock: Sendable {
    private let state = NIOLockedValueBox(Date(timeIntervalSince1970: 1_700_000_000))
    var now: Date { state.withLockedValue { $0 } }
    func advance(by seconds: TimeInterval) { state.withLockedValue { $0 += seconds } }
}
