import Vapor

/// An error answered in X's own JSON shape: a problem `{"title","detail","type","status"}`, the
/// invalid-request form `{"errors":[...],"title","detail","type"}`, or an OAuth `{"error",...}`.
/// Handlers throw it; `FakeXMiddleware` writes it.
struct XError: Error {
    var status: HTTPResponseStatus
    var body: FakeXJSON

    static func problem(
        _ status: HTTPResponseStatus, title: String, detail: String, type: String = "about:blank",
        extra: [String: FakeXJSON] = [:]
    ) -> XError {
        var o: [String: FakeXJSON] = [
            "title": .string(title), "detail": .string(detail), "type": .string(type), "status": .int(Int(status.code)),
        ]
        o.merge(extra) { _, new in new }
        return XError(status: status, body: .object(o))
    }

    static let unauthorized = problem(.unauthorized, title: "Unauthorized", detail: "Unauthorized")
    static let tooManyRequests = problem(.tooManyRequests, title: "Too Many Requests", detail: "Too Many Requests")
    static let serviceUnavailable = problem(
        .serviceUnavailable, title: "Service Unavailable", detail: "Service Unavailable")
    static let notFound = problem(.notFound, title: "Not Found Error", detail: "Sorry, that page does not exist")
    static let tooManyConnections = problem(
        .tooManyRequests, title: "ConnectionException",
        detail: "This stream is currently at the maximum allowed connection limit.",
        type: "https://api.twitter.com/2/problems/streaming-connection",
        extra: ["connection_issue": "TooManyConnections"])

    static func forbidden(_ detail: String) -> XError {
        problem(.forbidden, title: "Forbidden", detail: detail)
    }

    /// X refuses app-only tokens on user-context routes, and user tokens on app-only routes.
    static func unsupportedAuthentication(appOnlyRoute: Bool) -> XError {
        let detail =
            appOnlyRoute
            ? "Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only]."
            : "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context]."
        return problem(
            .forbidden, title: "Unsupported Authentication", detail: detail,
            type: "https://api.twitter.com/2/problems/unsupported-authentication")
    }

    static func invalidRequest(parameter: String, value: String, message: String) -> XError {
        XError(
            status: .badRequest,
            body: .object([
                "errors": .array([
                    .object([
                        "parameters": .object([parameter: .array([.string(value)])]), "message": .string(message),
                    ])
                ]),
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request",
            ]))
    }

    /// A body X could not read as the JSON the route takes.
    static func invalidBody(_ message: String) -> XError {
        XError(
            status: .badRequest,
            body: .object([
                "errors": .array([.object(["message": .string(message)])]),
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request",
            ]))
    }

    /// RFC 6749 section 5.2, as X's token endpoint writes it.
    static func oauth(_ error: String, _ description: String, status: HTTPResponseStatus = .badRequest) -> XError {
        XError(status: status, body: .object(["error": .string(error), "error_description": .string(description)]))
    }

    func response() -> Response {
        JSONResponse.make(status: status, body)
    }
}

enum JSONResponse {
    static func make(status: HTTPResponseStatus = .ok, _ json: FakeXJSON) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: json.encoded()))
    }
}
