import Vapor

/// Account Activity: `POST/GET /2/webhooks` (registration runs X's CRC check against the URL),
/// `DELETE /2/webhooks/:webhook_id`, and the all-activity subscriptions of a webhook.
struct WebhooksController: RouteCollection {
    let world: FakeXWorld
    let options: FakeX.Options

    struct Input: Decodable {
        var url: String?
    }

    struct CRCAnswer: Decodable {
        var responseToken: String?
        enum CodingKeys: String, CodingKey { case responseToken = "response_token" }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("2", "webhooks", use: create)
        routes.get("2", "webhooks", use: list)
        routes.delete("2", "webhooks", ":webhook_id", use: delete)
        let subscriptions = routes.grouped("2", "account_activity", "webhooks", ":webhook_id", "subscriptions", "all")
        subscriptions.post(use: subscribe)
        subscriptions.get(use: checkSubscription)
        subscriptions.get("list", use: listSubscriptions)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.requireApp()
        guard let url = try req.decodeJSON(Input.self).url, let parsed = URL(string: url), parsed.host != nil else {
            throw XError.invalidRequest(parameter: "url", value: "", message: "The `url` field is not a valid URL")
        }
        let crcToken = FakeXWorld.randomToken(bytes: 24)
        let expected = "sha256=" + FakeX.signature(Data(crcToken.utf8), secret: options.consumerSecret)
        var answered: String?
        var components = URLComponents(string: url)
        let items = components?.queryItems ?? []
        components?.queryItems = items + [URLQueryItem(name: "crc_token", value: crcToken)]
        if let crcURL = components?.string, let response = try? await req.client.get(URI(string: crcURL)),
            response.status == .ok
        {
            answered = (try? response.content.decode(CRCAnswer.self))?.responseToken
        }
        guard answered == expected else {
            throw XError.invalidRequest(
                parameter: "url", value: url, message: "CrcValidationFailed: the webhook did not answer the CRC challenge")
        }
        let hook = await world.addWebhook(url: url)
        return JSONResponse.make(.object(["data": hook.json]))
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.requireApp()
        let hooks = await world.webhookList()
        var body: [String: FakeXJSON] = ["meta": .object(["result_count": .int(hooks.count)])]
        if !hooks.isEmpty { body["data"] = .array(hooks.map(\.json)) }
        return JSONResponse.make(.object(body))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try req.requireApp()
        let id = try req.requiredParameter("webhook_id")
        guard await world.deleteWebhook(id: id) else { throw Self.unknownWebhook(id) }
        return JSONResponse.make(.object(["data": .object(["deleted": .bool(true)])]))
    }

    @Sendable func subscribe(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        let id = try req.requiredParameter("webhook_id")
        guard await world.subscribe(userID: userID, webhookID: id) else { throw Self.unknownWebhook(id) }
        return JSONResponse.make(.object(["data": .object(["subscribed": .bool(true)])]))
    }

    @Sendable func checkSubscription(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        let id = try req.requiredParameter("webhook_id")
        guard let hook = await world.webhook(id: id) else { throw Self.unknownWebhook(id) }
        return JSONResponse.make(
            .object(["data": .object(["subscribed": .bool(hook.subscribedUserIDs.contains(userID))])]))
    }

    @Sendable func listSubscriptions(req: Request) async throws -> Response {
        try req.requireApp()
        let id = try req.requiredParameter("webhook_id")
        guard let hook = await world.webhook(id: id) else { throw Self.unknownWebhook(id) }
        return JSONResponse.make(
            .object([
                "data": .object([
                    "application_id": .string(options.clientID), "webhook_id": .string(hook.id),
                    "webhook_url": .string(hook.url),
                    "subscriptions": .array(hook.subscribedUserIDs.map { .object(["user_id": .string($0)]) }),
                ])
            ]))
    }

    static func unknownWebhook(_ id: String) -> XError {
        XError.problem(
            .notFound, title: "Not Found Error", detail: "Could not find webhook with id: [\(id)].",
            type: "https://api.twitter.com/2/problems/resource-not-found")
    }
}
