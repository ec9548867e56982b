import Crypto
import Foundation
import Vapor

/// A local X API v2 over real HTTP on 127.0.0.1: the documented routes, X's error shapes, rate
/// limits, OAuth 2.0 with PKCE, the filtered stream and Account Activity webhooks, serving a world
/// seeded from recorded responses, with faults on demand. Test support and `parley demo --fake-x`.
public final class FakeX: Sendable {
    public let port: Int
    public let world: FakeXWorld
    private let app: Application
    private let options: Options
    private let logger = Logger(label: "parley.fakex")

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(app: Application, port: Int, world: FakeXWorld, options: Options) {
        self.app = app
        self.port = port
        self.world = world
        self.options = options
    }

    /// Starts the server; `port` 0 takes any free port (read it from `port`).
    public static func start(options: Options = Options(), port: Int = 0) async throws -> FakeX {
        let world = FakeXWorld(options: options)
        if options.seedRecorded { try await RecordedWorld.seed(world) }
        // Arguments are given so Vapor does not parse the host process's command line.
        let app = try await Application.make(Environment(name: "testing", arguments: ["fakex"]))
        do {
            app.logger.logLevel = .warning
            app.middleware = Middlewares()
            app.middleware.use(FakeXMiddleware(world: world, options: options))
            app.routes.defaultMaxBodySize = "1mb"
            try FakeXRoutes.register(on: app, world: world, options: options)
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            guard let bound = app.http.server.shared.localAddress?.port else {
                throw Abort(.internalServerError, reason: "fake X did not bind a port")
            }
            return FakeX(app: app, port: bound, world: world, options: options)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Ends open streams, stops the server and releases the application.
    public func shutdown() async {
        await world.closeAllStreams()
        await app.server.shutdown()
        do {
            try await app.asyncShutdown()
        } catch {
            logger.warning("fake X shutdown failed", metadata: ["error": "\(error)"])
        }
    }

    /// POSTs an Account Activity body to every registered webhook URL, signed as X signs it
    /// (`x-twitter-webhooks-signature: sha256=` + base64 HMAC-SHA256 with the consumer secret);
    /// returns the status of the last delivery.
    public func deliverActivity(_ body: Data) async throws -> Int {
        let hooks = await world.webhookList()
        guard !hooks.isEmpty else { throw FakeXError.noWebhookRegistered }
        let signature = Self.signature(body, secret: options.consumerSecret)
        var status = 0
        for hook in hooks {
            let response = try await app.client.post(URI(string: hook.url)) { request in
                request.headers.contentType = .json
                request.headers.replaceOrAdd(name: "x-twitter-webhooks-signature", value: "sha256=\(signature)")
                request.body = ByteBuffer(data: body)
            }
            status = Int(response.status.code)
        }
        return status
    }

    /// base64(HMAC-SHA256(secret, message)), as X uses for CRC tokens and delivery signatures.
    static func signature(_ message: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}
