import Foundation
import Testing
import Vapor
import VaporTesting

/// The requests the page and API suites make, in one place: a form post that redirects, a page,
/// a JSON call, and a plain GET with its headers. A suite gets them by conforming.
protocol HTTPTestHelpers {}

extension HTTPTestHelpers {
    /// POSTs a form that answers with a redirect; returns where to, percent-decoded.
    func form(_ app: Application, _ path: String, _ session: HTTPHeaders, _ fields: [String: String]) async throws -> String {
        var location = ""
        try await app.testing().test(.POST, path, headers: session, beforeRequest: { req in
            try req.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: { res throws in
            #expect(res.status == .seeOther, "POST \(path): \(res.status) \(res.body.string.prefix(300))")
            location = (res.headers.first(name: .location) ?? "").removingPercentEncoding ?? ""
        })
        return location
    }

    func page(_ app: Application, _ path: String, _ session: HTTPHeaders, status: HTTPStatus = .ok) async throws -> String {
        try await get(app, path, headers: session, status: status).body
    }

    func json(_ app: Application, _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ body: String? = nil, status: HTTPStatus) async throws -> [String: Any] {
        var object: [String: Any] = [:]
        try await app.testing().test(method, path, headers: headers, beforeRequest: { req in
            if let body {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: body)
            }
        }, afterResponse: { res throws in
            #expect(res.status == status, "\(method) \(path): \(res.body.string)")
            object = (try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]) ?? [:]
        })
        return object
    }

    func get(_ app: Application, _ path: String, headers: HTTPHeaders = [:], status: HTTPStatus = .ok) async throws -> (body: String, headers: HTTPHeaders) {
        var result = ("", HTTPHeaders())
        try await app.testing().test(.GET, path, headers: headers, afterResponse: { res throws in
            #expect(res.status == status, "GET \(path): \(res.status)")
            result = (res.body.string, res.headers)
        })
        return result
    }
}
