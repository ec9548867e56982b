import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Sends requests to X's API over HTTP and turns every answer into a response or an `XAPIError`.
/// It never waits or retries by itself: the sources and the sender decide (rate-limit resets,
/// backoff), because only they know whether a read or a send is at stake.
public struct XClient: Sendable {
    /// `https://api.x.com`, or a local fake X; no trailing slash.
    public let baseURL: String
    public let timeout: TimeAmount
    /// The largest body read into memory; a larger answer is malformed.
    public let maxBodyBytes: Int
    let http: HTTPClient
    let clock: @Sendable () -> Date
    let nonce: @Sendable () -> String
    let observe: @Sendable (XRequestOutcome) -> Void
    let logger = Logger(label: "parley.x.client")

    public init(
        baseURL: String = "https://api.x.com", http: HTTPClient = .shared, timeoutSeconds: Int64 = 30,
        maxBodyBytes: Int = 16 << 20, clock: @escaping @Sendable () -> Date = Date.init,
        nonce: @escaping @Sendable () -> String = { UUID().uuidString.replacingOccurrences(of: "-", with: "") },
        observe: @escaping @Sendable (XRequestOutcome) -> Void = { _ in }
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.http = http
        self.timeout = .seconds(timeoutSeconds)
        self.maxBodyBytes = maxBodyBytes
        self.clock = clock
        self.nonce = nonce
        self.observe = observe
    }

    /// Sends the request and returns a 2xx response with its whole body; anything else throws.
    public func send(_ request: XRequest) async throws(XAPIError) -> XResponse {
        let response = try await perform(request)
        report(request, status: response.status, error: nil, rateLimit: response.rateLimit)
        return response
    }

    /// Sends the request and reads its 2xx body with `parse`; a body that does not parse is
    /// reported (logged with the endpoint and status, counted as malformed) like any failure.
    public func send<Value>(
        _ request: XRequest, parse: (XResponse) throws(XAPIError) -> Value
    ) async throws(XAPIError) -> Value {
        let response = try await perform(request)
        do {
            let value = try parse(response)
            report(request, status: response.status, error: nil, rateLimit: response.rateLimit)
            return value
        } catch {
            report(request, status: response.status, error: error, rateLimit: response.rateLimit)
            throw error
        }
    }

    /// Sends the request; reports failures, leaves a 2xx to the caller to report.
    private func perform(_ request: XRequest) async throws(XAPIError) -> XResponse {
        let response: HTTPClientResponse
        let body: Data
        do {
            response = try await http.execute(try prepare(request), timeout: timeout)
            body = Data(buffer: try await response.body.collect(upTo: maxBodyBytes))
        } catch let error as XAPIError {
            report(request, status: nil, error: error, rateLimit: nil)
            throw error
        } catch {
            let failure = XAPIError.transport(reason: Self.describe(error))
            report(request, status: nil, error: failure, rateLimit: nil)
            throw failure
        }
        let status = Int(response.status.code)
        let rateLimit = XRateLimit { response.headers.first(name: $0) }
        if (200..<300).contains(status) {
            return XResponse(status: status, body: body, rateLimit: rateLimit)
        }
        let error = XErrorBody.classify(status: status, body: body, rateLimit: rateLimit,
                                        contentType: response.headers.first(name: "content-type"))
        report(request, status: status, error: error, rateLimit: rateLimit)
        throw error
    }

    /// Opens a long-lived response (the filtered stream). On a 2xx the caller reads `body` as it
    /// arrives and cancels its task to hang up; anything else throws like `send`.
    public func open(_ request: XRequest) async throws(XAPIError) -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            // The stream stays open for days; stalls are detected by the reader, not a deadline.
            response = try await http.execute(try prepare(request), deadline: .distantFuture)
        } catch let error as XAPIError {
            throw error
        } catch {
            let failure = XAPIError.transport(reason: Self.describe(error))
            report(request, status: nil, error: failure, rateLimit: nil)
            throw failure
        }
        let status = Int(response.status.code)
        let rateLimit = XRateLimit { response.headers.first(name: $0) }
        guard (200..<300).contains(status) else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Data(buffer: $0) } ?? Data()
            let error = XErrorBody.classify(status: status, body: body, rateLimit: rateLimit,
                                            contentType: response.headers.first(name: "content-type"))
            report(request, status: status, error: error, rateLimit: rateLimit)
            throw error
        }
        report(request, status: status, error: nil, rateLimit: rateLimit)
        return response
    }

    func prepare(_ request: XRequest) throws(XAPIError) -> HTTPClientRequest {
        let query = request.queryString
        let urlString = baseURL + request.path + (query.isEmpty ? "" : "?" + query)
        guard let url = URL(string: urlString) else {
            throw .refused(status: 0, title: "Invalid URL", detail: "cannot build a URL for \(request.endpoint)")
        }
        var http = HTTPClientRequest(url: urlString)
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "user-agent", value: "Parley")
        switch request.body {
        case .none:
            break
        case .json(let data):
            http.headers.add(name: "content-type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: data))
        case .form(let parameters):
            http.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            let form = parameters.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }
                .joined(separator: "&")
            http.body = .bytes(ByteBuffer(string: form))
        }
        if let basic = request.basic {
            let pair = Data("\(PercentEncoding.encode(basic.user)):\(PercentEncoding.encode(basic.password))".utf8)
            http.headers.add(name: "authorization", value: "Basic " + pair.base64EncodedString())
        }
        switch request.credential {
        case .none:
            break
        case .appBearer(let token), .userBearer(let token):
            http.headers.add(name: "authorization", value: "Bearer " + token)
        case .oauth1(let credentials):
            let form: [OAuth1Parameter] = if case .form(let parameters) = request.body { parameters } else { [] }
            do {
                let signature = try OAuth1Signer(credentials: credentials)
                    .sign(method: request.method, url: url, formParameters: form, nonce: nonce(), timestamp: clock())
                http.headers.add(name: "authorization", value: signature.authorizationHeader)
            } catch {
                throw .refused(status: 0, title: "OAuth 1.0a", detail: error.description)
            }
        }
        return http
    }

    private func report(_ request: XRequest, status: Int?, error: XAPIError?, rateLimit: XRateLimit?) {
        observe(XRequestOutcome(endpoint: request.endpoint, status: status, error: error, rateLimit: rateLimit))
        if let error {
            logger.warning(
                "X request failed",
                metadata: ["endpoint": "\(request.endpoint)", "status": "\(status.map(String.init) ?? "none")",
                           "error": "\(error)"])
        }
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            return "\(client)"
        }
        return String(describing: type(of: error)) + ": \(error)"
    }
}
