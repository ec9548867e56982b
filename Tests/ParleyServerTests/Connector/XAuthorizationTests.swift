import AsyncHTTPClient
import FluentSQL
import Foundation
import ParleyCore
import ParleyFakeX
@testable import ParleyStore
import ParleyX
import Testing
import Vapor
import VaporTesting
@testable import ParleyServer

/// Connecting a handle with OAuth 2.0 and PKCE through the fake X's consent page and the desk's
/// `/auth/x/callback`, tokens sealed at rest, and refresh tokens rotated.
@Suite(.serialized) struct XAuthorizationTests {
    /// Opens the authorize URL as a browser would and returns where X sends it back.
    func consent(_ url: URL) async throws -> URLComponents {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
        #expect(response.status == .found)
        let location = try #require(response.headers.first(name: "location"))
        return try #require(URLComponents(string: location))
    }

    @Test func connectingAHandleStoresItsTokensSealedAndTheLinkWorksOnce() async throws {
        try await ConnectorHarness.run { h in
            let url = try await h.x.authorization.begin()
            #expect(url.absoluteString.hasPrefix(h.fake.baseURL + "/i/oauth2/authorize?"))
            #expect(url.absoluteString.contains("code_challenge_method=S256"))
            let back = try await consent(url)
            let items = Dictionary(uniqueKeysWithValues: (back.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            let state = try #require(items["state"])
            let code = try #require(items["code"])
            try await h.app.testing().test(.GET, "auth/x/callback?state=\(state)&code=\(code)") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("@\(FakeXSeed.brandUsername) is connected"))
            }
            let handle = try #require(try await HandleQueries(database: h.app.db).all().first { $0.xUserID == FakeXSeed.brandUserID })
            let status = try #require(try await XConnectionQueries(database: h.app.db).status(handle.id))
            #expect(status.authState == .connected)
            // Sealed at rest: the stored value is not the token X issued.
            let sealed = try #require(try await XConnectionQueries(database: h.app.db).sealedCredentials(handle.id))
            let token = await h.requests("/2/oauth2/token")
            #expect(token.count == 1)
            #expect(sealed.hasPrefix("v1:"))
            guard case .userBearer(let access) = try await h.x.credentials.user(handle.id) else {
                Issue.record("expected a user bearer token"); return
            }
            #expect(!sealed.contains(access))
            // The connected handle reads its mentions with that token.
            #expect(try await h.poll(.mentions, handle).items == FakeXSeed.mentionCount)
            // A state works once.
            try await h.app.testing().test(.GET, "auth/x/callback?state=\(state)&code=\(code)") { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("expired or was already used"))
            }
        }
    }

    @Test func aRefusedConsentConnectsNothing() async throws {
        try await ConnectorHarness.run { h in
            try await h.app.testing().test(.GET, "auth/x/callback?error=access_denied&state=abc") { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("not granted"))
            }
            #expect(try await HandleQueries(database: h.app.db).all().isEmpty)
        }
    }

    @Test func anExpiringAccessTokenIsRefreshedAndTheRotatedRefreshTokenIsKept() async throws {
        // Tokens that live 30 s are always within the one-minute refresh margin.
        try await ConnectorHarness.run(fake: FakeX.Options(keepAliveInterval: 0.2, accessTokenLifetime: 30)) { h in
            let url = try await h.x.authorization.begin()
            let items = Dictionary(uniqueKeysWithValues: (try await consent(url).queryItems ?? []).map { ($0.name, $0.value ?? "") })
            let handle = try await h.x.authorization.complete(state: try #require(items["state"]), code: try #require(items["code"]))
            let first = try await h.x.credentials.user(handle.id)
            let second = try await h.x.credentials.user(handle.id)
            #expect(first != second)
            // Each refresh spent the newest refresh token; an old one would have been refused.
            let refreshes = await h.requests("/2/oauth2/token")
            #expect(refreshes.count == 3)
            #expect(refreshes.allSatisfy { $0.status == 200 })
            #expect(try await h.poll(.dm, handle).items == FakeXSeed.dmEventCount)
        }
    }
}

/// Account Activity over real HTTP both ways: X checks the desk's CRC before registering, the
/// handle is subscribed in its user context, and a signed delivery lands in the journal.
@Suite(.serialized) struct WebhookRegistrationTests {
    @Test func registeringPassesXsCRCCheckAndSignedDeliveriesAreJournaled() async throws {
        try await ConnectorHarness.run { h in
            let handle = try await h.connectBrand()
            try await h.app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                let port = try #require(h.app.http.server.shared.localAddress?.port)
                let url = "http://127.0.0.1:\(port)/webhooks/x"
                let hook = try await h.x.api.registerWebhook(url: url, credential: try await h.x.credentials.app())
                #expect(hook.url == url)
                #expect(try await h.x.api.webhooks(credential: try await h.x.credentials.app()).map(\.id) == [hook.id])
                try await h.x.api.subscribe(webhookID: hook.id, credential: try await h.x.credentials.user(handle.id))
                let body = Data(#"{"for_user_id":"783214","tweet_create_events":[]}"#.utf8)
                #expect(try await h.fake.deliverActivity(body) == 200)
                #expect(try await h.journaled(.xWebhook).count == 1)
            } catch {
                await h.app.server.shutdown()
                throw error
            }
            await h.app.server.shutdown()
        }
    }
}
