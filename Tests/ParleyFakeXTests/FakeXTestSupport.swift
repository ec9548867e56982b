import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyFakeX
import Testing

/// Starts a fake X for one test and always shuts it down.
func withFakeX(
    _ options: FakeX.Options = FakeX.Options(keepAliveInterval: 0.2), _ body: (FakeX) async throws -> Void
) async throws {
    let fake = try await FakeX.start(options: options)
    do {
        try await body(fake)
        await fake.shutdown()
    } catch {
        await fake.shutdown()
        throw error
    }
}

struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

extension FakeX {
    func send(
        _ method: HTTPMethod, _ pathAndQuery: String, bearer: String? = nil, json: Any? = nil, form: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + pathAndQuery)
        request.method = method
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)))
        }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        // X's authorize answer is a redirect to the app's callback, which must be seen, not followed.
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        do {
            // Generous: at the start of the whole suite on two cores, a request may wait its turn for long.
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 10 << 20)
            try await client.shutdown()
            return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func get(_ pathAndQuery: String, bearer: String? = "fake-app-bearer") async throws -> Reply {
        try await send(.GET, pathAndQuery, bearer: bearer)
    }

    /// A user-context token for the brand (@Twitter).
    func brandToken() async -> String {
        await world.issueUserToken(for: FakeXSeed.brandUserID).accessToken
    }
}

/// Reads a long-lived response body chunk by chunk in the background.
actor StreamReader {
    private(set) var bytes = Data()
    private(set) var ended = false
    private(set) var failed = false
    private var task: Task<Void, Never>?

    func start(_ response: HTTPClientResponse) {
        task = Task {
            do {
                for try await chunk in response.body { self.append(Data(buffer: chunk)) }
                self.finish(failed: false)
            } catch {
                self.finish(failed: true)
            }
        }
    }

    private func append(_ data: Data) { bytes.append(data) }

    private func finish(failed: Bool) {
        ended = true
        self.failed = failed
    }

    func cancel() { task?.cancel() }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Polls until the condition holds, failing after `seconds`.
    func wait(seconds: Double = 5, until condition: @Sendable (String, Bool) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition(text, ended) {
            guard ContinuousClock.now < deadline else {
                Issue.record("stream condition not met; got \(bytes.count) bytes, ended: \(ended)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

func openStream(_ fake: FakeX, query: String = "") async throws -> (HTTPClientResponse, StreamReader) {
    var request = HTTPClientRequest(url: fake.baseURL + "/2/tweets/search/stream" + query)
    request.headers.add(name: "Authorization", value: "Bearer fake-app-bearer")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let reader = StreamReader()
    if response.status == .ok { await reader.start(response) }
    return (response, reader)
}

func addRule(_ fake: FakeX, _ value: String, tag: String) async throws -> Reply {
    try await fake.send(
        .POST, "/2/tweets/search/stream/rules", bearer: "fake-app-bearer", json: ["add": [["value": value, "tag": tag]]])
}
