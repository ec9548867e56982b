import Vapor

/// Every request passes here: injected faults, authentication, rate limits (and their headers on
/// every v2 response), X's error shapes for anything thrown, and the request log.
struct FakeXMiddleware: AsyncMiddleware {
    let world: FakeXWorld
    let options: FakeX.Options

    private struct DroppedConnection: Error {}

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let route = request.routePattern
        // /2/oauth2/token authenticates the client itself, in its body.
        let isV2 = route.hasPrefix("/2/") && route != "/2/oauth2/token"
        if isV2 { request.fakeXAuth = await authenticate(request) }
        var fault = route.isEmpty ? nil : await world.takeFault(route: route)
        switch fault {
        case .slow(let delay):
            try await Task.sleep(for: .seconds(delay))
            fault = nil
        case .some(let f) where f.isStreamFault:
            request.streamFault = f
            fault = nil
        default: break
        }
        var rate: RateLimitState?
        if isV2, request.fakeXAuth != .none, request.fakeXAuth != .invalid {
            rate = await world.countRequest(endpoint: "\(request.method.rawValue) \(route)", credential: credential(request))
        }
        let response: Response
        if let fault {
            response = await faultResponse(fault, request: request, next: next, isV2: isV2, rate: &rate)
        } else {
            response = await normalResponse(request, next: next, isV2: isV2, rate: rate)
        }
        if isV2, let rate {
            response.headers.replaceOrAdd(name: "x-rate-limit-limit", value: String(rate.limit))
            response.headers.replaceOrAdd(name: "x-rate-limit-remaining", value: String(max(0, rate.remaining)))
            response.headers.replaceOrAdd(name: "x-rate-limit-reset", value: String(rate.reset))
        }
        await world.record(
            FakeXRequest(
                method: request.method.rawValue, path: request.url.path, route: route, query: request.queryItems,
                status: fault == .dropConnection ? 0 : Int(response.status.code), auth: request.fakeXAuth,
                at: options.now()))
        return response
    }

    private func normalResponse(_ request: Request, next: any AsyncResponder, isV2: Bool, rate: RateLimitState?) async
        -> Response
    {
        if isV2 {
            if request.fakeXAuth == .none || request.fakeXAuth == .invalid { return XError.unauthorized.response() }
            if let rate, rate.remaining < 0 { return XError.tooManyRequests.response() }
        }
        do {
            return try await next.respond(to: request)
        } catch let error as XError {
            return error.response()
        } catch let abort as any AbortError {
            if abort.status == .notFound { return XError.notFound.response() }
            return XError.problem(abort.status, title: abort.status.reasonPhrase, detail: abort.reason).response()
        } catch {
            request.logger.error("fake X handler failed", metadata: ["route": "\(request.routePattern)"])
            return XError.problem(.internalServerError, title: "Internal Error", detail: "Internal Error").response()
        }
    }

    private func faultResponse(
        _ fault: FakeXFault, request: Request, next: any AsyncResponder, isV2: Bool, rate: inout RateLimitState?
    ) async -> Response {
        switch fault {
        case .rateLimited(let resetIn):
            rate = RateLimitState(
                limit: options.rateLimit, remaining: 0,
                reset: Int(options.now().addingTimeInterval(resetIn).timeIntervalSince1970))
            return XError.tooManyRequests.response()
        case .serviceUnavailable:
            return XError.serviceUnavailable.response()
        case .unauthorized:
            return XError.unauthorized.response()
        case .forbidden(let detail):
            return XError.forbidden(detail).response()
        case .htmlErrorPage:
            var headers = HTTPHeaders()
            headers.contentType = .html
            return Response(status: .badGateway, headers: headers, body: .init(string: Self.overCapacityPage))
        case .emptyBody:
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .empty)
        case .partialJSON:
            let full = await normalResponse(request, next: next, isV2: isV2, rate: rate)
            let bytes = full.body.data ?? Data()
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: bytes.prefix(bytes.count / 2)))
        case .wrongTypes:
            return JSONResponse.make(.object(["data": "oops", "meta": .object(["result_count": "ten"])]))
        case .dropConnection:
            // Failing the body before anything is flushed makes Vapor close the channel, so the
            // client sees the connection end with no response at all.
            return Response(
                status: .ok,
                body: .init(asyncStream: { writer in try await writer.write(.error(DroppedConnection())) }))
        case .slow, .streamCutMidLine, .streamStall, .streamDisconnect:
            return await normalResponse(request, next: next, isV2: isV2, rate: rate)
        }
    }

    private func authenticate(_ request: Request) async -> FakeXAuth {
        guard let header = request.headers.first(name: .authorization) else { return .none }
        if header.lowercased().hasPrefix("bearer ") {
            return await world.authenticate(bearer: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        }
        guard let oauth = OAuth1Verifier.headerParameters(header), let token = oauth["oauth_token"],
            let credentials = await world.oauth1Credentials(token: token)
        else { return .invalid }
        var other = request.queryItems
        if request.headers.contentType == .urlEncodedForm, let body = request.body.string {
            other.merge(FormFields.parse(body)) { _, form in form }
        }
        let host = request.headers.first(name: .host) ?? "127.0.0.1"
        let verifier = OAuth1Verifier(consumerKey: options.consumerKey, consumerSecret: options.consumerSecret)
        guard
            verifier.isValid(
                oauth: oauth, method: request.method.rawValue, baseURL: "http://\(host.lowercased())\(request.url.path)",
                otherParameters: other, tokenSecret: credentials.secret)
        else { return .invalid }
        return .oauth1(consumerKey: options.consumerKey, token: token)
    }

    private func credential(_ request: Request) -> String {
        switch request.fakeXAuth {
        case .appBearer: return "app"
        case .userBearer(let id): return "user:\(id)"
        case .oauth1(_, let token): return "oauth1:\(token)"
        case .none, .invalid: return "none"
        }
    }

    /// The shape of the page X's front end serves when it sheds load.
    static let overCapacityPage = """
        <!DOCTYPE html>
        <html><head><title>X / Over capacity</title></head>
        <body><h1>Something is technically wrong.</h1>
        <p>Thanks for noticing&mdash;we're going to fix it up and have things back to normal soon.</p>
        <p>Over capacity</p></body></html>
        """
}
