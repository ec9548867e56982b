import Vapor

private struct AuthKey: StorageKey {
    typealias Value = FakeXAuth
}

private struct StreamFaultKey: StorageKey {
    typealias Value = FakeXFault
}

extension Request {
    var fakeXAuth: FakeXAuth {
        get { storage[AuthKey.self] ?? .none }
        set { storage[AuthKey.self] = newValue }
    }

    /// A stream fault taken for this request by the middleware, for the stream handler to play out.
    var streamFault: FakeXFault? {
        get { storage[StreamFaultKey.self] }
        set { storage[StreamFaultKey.self] = newValue }
    }

    /// The route as the spec writes it, e.g. "/2/users/:id/mentions"; empty when none matched.
    var routePattern: String {
        guard let route else { return "" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// Query parameters, decoded as forms are (`+` is a space). A repeated name keeps the last value.
    var queryItems: [String: String] {
        FormFields.parse(url.query ?? "")
    }

    /// The user a user-context route acts for; app-only tokens get X's 403.
    func requireUser(_ world: FakeXWorld) async throws(XError) -> String {
        if fakeXAuth == .appBearer { throw XError.unsupportedAuthentication(appOnlyRoute: false) }
        guard let id = await world.userID(for: fakeXAuth) else { throw XError.unauthorized }
        return id
    }

    /// App-only routes (filtered stream, webhooks) refuse user-context tokens with X's 403.
    func requireApp() throws(XError) {
        guard fakeXAuth == .appBearer else { throw XError.unsupportedAuthentication(appOnlyRoute: true) }
    }

    func requiredParameter(_ name: String) throws(XError) -> String {
        guard let value = parameters.get(name) else { throw XError.notFound }
        return value
    }

    func decodeJSON<T: Decodable>(_ type: T.Type) throws(XError) -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw XError.invalidBody("Request body is missing or empty")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw XError.invalidBody("Request body is not valid JSON for this endpoint")
        }
    }
}

/// `application/x-www-form-urlencoded` fields.
enum FormFields {
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
