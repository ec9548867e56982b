import Vapor

/// OAuth 2.0 as X runs it: `GET /i/oauth2/authorize` (consent is automatic), `POST /2/oauth2/token`
/// (authorization code with PKCE, refresh with rotation) and app-only `POST /oauth2/token`.
struct OAuthController: RouteCollection {
    let world: FakeXWorld
    let options: FakeX.Options

    func boot(routes: any RoutesBuilder) throws {
        routes.get("i", "oauth2", "authorize", use: authorize)
        routes.post("2", "oauth2", "token", use: token)
        routes.post("oauth2", "token", use: appToken)
    }

    /// Redirects to `redirect_uri` with `state` and a code for the user named by the extra
    /// `login_user` parameter (a username or id), or for the brand user.
    @Sendable func authorize(req: Request) async throws -> Response {
        let q = req.queryItems
        guard q["response_type"] == "code" else { throw XError.oauth("invalid_request", "response_type must be code") }
        guard q["client_id"] == options.clientID else { throw XError.oauth("invalid_request", "Unknown client_id") }
        guard let redirect = q["redirect_uri"], URL(string: redirect)?.scheme != nil else {
            throw XError.oauth("invalid_request", "Missing or invalid redirect_uri")
        }
        guard let state = q["state"], let challenge = q["code_challenge"], let scope = q["scope"] else {
            throw XError.oauth("invalid_request", "state, scope and code_challenge are required")
        }
        let method = q["code_challenge_method"] ?? "plain"
        guard method == "S256" || method == "plain" else {
            throw XError.oauth("invalid_request", "code_challenge_method must be S256 or plain")
        }
        let login = q["login_user"] ?? FakeXSeed.brandUsername
        let byID = await world.user(id: login)
        let byName = await world.user(username: login)
        guard let user = byID ?? byName else {
            throw XError.oauth("invalid_request", "login_user names no user in the fake world")
        }
        let code = await world.issueAuthorizationCode(
            AuthorizationCode(
                userID: user.id, clientID: options.clientID, redirectURI: redirect, challenge: challenge,
                challengeMethod: method, scope: scope,
                expiresAt: options.now().addingTimeInterval(FakeXWorld.authorizationCodeLifetime)))
        let separator = redirect.contains("?") ? "&" : "?"
        let location = "\(redirect)\(separator)state=\(Self.encode(state))&code=\(Self.encode(code))"
        return Response(status: .found, headers: ["Location": location])
    }

    @Sendable func token(req: Request) async throws -> Response {
        let form = FormFields.parse(req.body.string ?? "")
        let clientID = form["client_id"] ?? basicCredentials(req)?.user
        guard clientID == options.clientID else {
            throw XError.oauth("invalid_request", "Missing required parameter [client_id].")
        }
        let pair: FakeXTokenPair
        let scope: String
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"], let redirect = form["redirect_uri"], let verifier = form["code_verifier"] else {
                throw XError.oauth("invalid_request", "Missing required parameter [code, redirect_uri or code_verifier].")
            }
            (pair, scope) = try await world.exchange(
                code: code, clientID: options.clientID, redirectURI: redirect, verifier: verifier)
        case "refresh_token":
            guard let refresh = form["refresh_token"] else {
                throw XError.oauth("invalid_request", "Missing required parameter [refresh_token].")
            }
            (pair, scope) = try await world.refresh(token: refresh)
        default:
            throw XError.oauth("unsupported_grant_type", "Value passed for the grant type was invalid.")
        }
        var body: [String: FakeXJSON] = [
            "token_type": "bearer", "expires_in": .int(Int(options.accessTokenLifetime)),
            "access_token": .string(pair.accessToken), "scope": .string(scope),
        ]
        // X issues a refresh token only for the offline.access scope.
        if scope.split(separator: " ").contains("offline.access") { body["refresh_token"] = .string(pair.refreshToken) }
        return JSONResponse.make(.object(body))
    }

    /// `grant_type=client_credentials` with HTTP Basic consumer key and secret.
    @Sendable func appToken(req: Request) async throws -> Response {
        let form = FormFields.parse(req.body.string ?? "")
        guard let credentials = basicCredentials(req), credentials.user == options.consumerKey,
            credentials.password == options.consumerSecret
        else {
            throw XError(
                status: .forbidden,
                body: .object([
                    "errors": .array([
                        .object([
                            "code": .int(99), "message": "Unable to verify your credentials",
                            "label": "authenticity_token_error",
                        ])
                    ])
                ]))
        }
        guard form["grant_type"] == "client_credentials" else {
            throw XError(
                status: .forbidden,
                body: .object([
                    "errors": .array([
                        .object(["code": .int(170), "message": "Missing required parameter: grant_type", "label": "forbidden_missing_parameter"])
                    ])
                ]))
        }
        return JSONResponse.make(.object(["token_type": "bearer", "access_token": .string(options.appBearerToken)]))
    }

    private func basicCredentials(_ req: Request) -> (user: String, password: String)? {
        guard let basic = req.headers.basicAuthorization else { return nil }
        let user = basic.username.removingPercentEncoding ?? basic.username
        let password = basic.password.removingPercentEncoding ?? basic.password
        return (user, password)
    }

    private static func encode(_ s: String) -> String {
        OAuth1Verifier.encode(s)
    }
}
