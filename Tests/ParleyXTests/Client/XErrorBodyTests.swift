import Foundation
import Testing

@testable import ParleyX

/// `XErrorBody.classify` and `summary`: which `XAPIError` a status becomes, and what of the body
/// the message may keep.
@Suite struct XErrorBodyTests {
    static let reset = Date(timeIntervalSince1970: 1_700_000_000)
    static let window = XRateLimit(limit: 75, remaining: 0, resetAt: reset)
    static let problem = Data(#"""
        {"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}
        """#.utf8)

    static func classify(_ status: Int, _ body: String, rateLimit: XRateLimit? = nil, contentType: String? = "application/json") -> XAPIError {
        XErrorBody.classify(status: status, body: Data(body.utf8), rateLimit: rateLimit, contentType: contentType)
    }

    @Test func tooManyRequestsCarriesTheResetTime() {
        #expect(Self.classify(429, #"{"title":"Too Many Requests","detail":"Too Many Requests"}"#, rateLimit: Self.window)
                == .rateLimited(resetAt: Self.reset))
        #expect(Self.classify(429, "", rateLimit: nil) == .rateLimited(resetAt: nil))
    }

    @Test func unauthorizedAndForbiddenKeepXsDetail() {
        #expect(XErrorBody.classify(status: 401, body: Self.problem, rateLimit: nil, contentType: nil)
                == .unauthorized(detail: "Unauthorized"))
        let duplicate = #"{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}"#
        #expect(Self.classify(403, duplicate)
                == .forbidden(detail: "You are not allowed to create a Tweet with duplicate content."))
    }

    @Test(arguments: [500, 502, 503, 504, 599])
    func serverErrorsAreUnavailable(status: Int) {
        #expect(Self.classify(status, "<html><body>Over capacity</body></html>", contentType: "text/html")
                == .unavailable(status: status, detail: "an HTML error page, not JSON"))
    }

    @Test(arguments: [400, 404, 409, 413, 422, 499, 600, 302])
    func otherStatusesAreRefused(status: Int) {
        let body = #"{"errors":[{"parameters":{"max_results":["1000"]},"message":"The `max_results` query parameter value [1000] is not between 5 and 100"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}"#
        #expect(Self.classify(status, body) == .refused(
            status: status, title: "Invalid Request",
            detail: "One or more parameters to your request was invalid.; The `max_results` query parameter value [1000] is not between 5 and 100"))
    }

    @Test func temporaryOnlyForWaitsAndOutages() {
        #expect(Self.classify(429, "").isTemporary)
        #expect(Self.classify(503, "").isTemporary)
        #expect(!Self.classify(401, "").isTemporary)
        #expect(!Self.classify(403, "").isTemporary)
        #expect(!Self.classify(400, "").isTemporary)
        #expect(XAPIError.transport(reason: "reset").isTemporary)
        #expect(XAPIError.malformed(status: 200, reason: "x").isTemporary)
    }

    // MARK: summary

    @Test func oauthErrorsGiveErrorAsTitleAndDescriptionAsDetail() {
        let summary = XErrorBody.summary(
            body: Data(#"{"error":"invalid_request","error_description":"Value passed for the token was invalid."}"#.utf8),
            status: 400, contentType: "application/json")
        #expect(summary.title == "invalid_request")
        #expect(summary.detail == "Value passed for the token was invalid.")
    }

    @Test func atMostThreeRequestErrorsAreKept() {
        let body = #"{"errors":[{"message":"a"},{"detail":"b"},{"code":3},{"message":"c"},{"message":"d"}]}"#
        let summary = XErrorBody.summary(body: Data(body.utf8), status: 400, contentType: nil)
        #expect(summary.title == "HTTP 400")
        #expect(summary.detail == "a; b", "the third has no message; the fourth and fifth are past the cut")
    }

    @Test func emptyAndUnreadableBodiesAreDescribedNotQuoted() {
        #expect(XErrorBody.summary(body: Data(), status: 502, contentType: nil) == ("HTTP 502", "empty body"))
        let html = XErrorBody.summary(body: Data("<html>Down</html>".utf8), status: 503, contentType: nil)
        #expect(html.detail == "an HTML error page, not JSON")
        let labelled = XErrorBody.summary(body: Data("Down for maintenance".utf8), status: 503, contentType: "text/html; charset=utf-8")
        #expect(labelled.detail == "an HTML error page, not JSON")
        let text = XErrorBody.summary(body: Data("upstream connect error".utf8), status: 503, contentType: "text/plain")
        #expect(text == ("HTTP 503", "a body that is not JSON (22 bytes)"))
    }

    @Test func jsonWithoutKnownFieldsFallsBackToTheTitle() {
        #expect(XErrorBody.summary(body: Data(#"{"reason":"x"}"#.utf8), status: 418, contentType: nil) == ("HTTP 418", "HTTP 418"))
        #expect(XErrorBody.summary(body: Data(#"{"title":"Not Found Error"}"#.utf8), status: 404, contentType: nil)
                == ("Not Found Error", "Not Found Error"))
    }

    /// What the customer wrote can come back in an error body; only X's own message fields are kept.
    @Test(arguments: [401, 403, 404, 429, 500])
    func theRestOfTheBodyNeverReachesTheError(status: Int) {
        let secret = "my order 55501 and phone 0412 555 000"
        let bodies = [
            #"{"title":"Forbidden","detail":"Not allowed.","text":"\#(secret)","data":{"text":"\#(secret)"}}"#,
            "<html><body>\(secret)</body></html>",
            "plain \(secret)",
            #"{"errors":[{"message":"bad","value":"\#(secret)"}],"echo":"\#(secret)"}"#,
        ]
        for body in bodies {
            let error = Self.classify(status, body, rateLimit: Self.window)
            #expect(!error.description.contains("55501"), "\(error)")
        }
    }

    @Test func descriptionsNameTheStatusAndReset() {
        #expect(XAPIError.rateLimited(resetAt: Self.reset).description
                == "X rate limit reached, resets at 2023-11-14T22:13:20.000Z")
        #expect(XAPIError.rateLimited(resetAt: nil).description == "X rate limit reached")
        #expect(XAPIError.refused(status: 400, title: "Invalid Request", detail: "bad").description
                == "X refused the request (HTTP 400 Invalid Request): bad")
        #expect(XAPIError.malformed(status: 200, reason: "empty body").description.contains("HTTP 200"))
    }
}
