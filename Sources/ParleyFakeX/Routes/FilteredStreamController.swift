import Vapor

/// `GET/POST /2/tweets/search/stream/rules` and the long-lived `GET /2/tweets/search/stream`.
struct FilteredStreamController: RouteCollection {
    let world: FakeXWorld
    let options: FakeX.Options

    struct RulesInput: Decodable {
        struct Add: Decodable {
            var value: String
            var tag: String?
        }
        struct Delete: Decodable {
            var ids: [String]?
            var values: [String]?
        }
        var add: [Add]?
        var delete: Delete?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("2", "tweets", "search", "stream", "rules", use: listRules)
        routes.post("2", "tweets", "search", "stream", "rules", use: changeRules)
        routes.get("2", "tweets", "search", "stream", use: stream)
    }

    @Sendable func listRules(req: Request) async throws -> Response {
        try req.requireApp()
        let wanted = req.queryItems["ids"].map { Set($0.split(separator: ",").map(String.init)) }
        let rules = await world.streamRules().filter { wanted?.contains($0.id) ?? true }
        var body: [String: FakeXJSON] = [
            "meta": .object(["sent": .string(XTime.format(options.now())), "result_count": .int(rules.count)])
        ]
        if !rules.isEmpty { body["data"] = .array(rules.map(\.json)) }
        return JSONResponse.make(.object(body))
    }

    @Sendable func changeRules(req: Request) async throws -> Response {
        try req.requireApp()
        let dryRun = req.queryItems["dry_run"] == "true"
        let input = try req.decodeJSON(RulesInput.self)
        let sent = FakeXJSON.string(XTime.format(options.now()))
        if let delete = input.delete {
            let byValue = Set(delete.values ?? [])
            let ids = (delete.ids ?? []) + (await world.streamRules()).filter { byValue.contains($0.value) }.map(\.id)
            let (deleted, missing) = await world.deleteRules(ids: ids, dryRun: dryRun)
            return JSONResponse.make(
                .object([
                    "meta": .object([
                        "sent": sent,
                        "summary": .object(["deleted": .int(deleted), "not_deleted": .int(missing.count)]),
                    ])
                ]))
        }
        guard let add = input.add, !add.isEmpty else {
            throw XError.invalidBody("Request must include either an `add` or a `delete` field")
        }
        var parsed: [(value: String, tag: String?, query: SearchQuery)] = []
        var invalid: [FakeXJSON] = []
        for rule in add {
            do {
                parsed.append((rule.value, rule.tag, try SearchQuery.parse(rule.value)))
            } catch {
                invalid.append(
                    .object([
                        "value": .string(rule.value), "details": .array([.string(error.message)]),
                        "title": "UnprocessableEntity", "type": "https://api.twitter.com/2/problems/invalid-rules",
                    ]))
            }
        }
        if !invalid.isEmpty {
            // X creates none of the batch when any rule is invalid.
            let summary: FakeXJSON = .object([
                "created": .int(0), "not_created": .int(add.count), "valid": .int(parsed.count),
                "invalid": .int(invalid.count),
            ])
            return JSONResponse.make(
                status: .badRequest,
                .object(["errors": .array(invalid), "meta": .object(["sent": sent, "summary": summary])]))
        }
        let (created, duplicates) = await world.addRules(parsed, dryRun: dryRun)
        var body: [String: FakeXJSON] = [
            "meta": .object([
                "sent": sent,
                "summary": .object([
                    "created": .int(created.count), "not_created": .int(duplicates.count), "valid": .int(add.count),
                    "invalid": .int(0),
                ]),
            ])
        ]
        if !created.isEmpty { body["data"] = .array(created.map(\.json)) }
        if !duplicates.isEmpty {
            body["errors"] = .array(
                duplicates.map {
                    .object([
                        "value": .string($0.value), "id": .string($0.id), "title": "DuplicateRule",
                        "type": "https://api.twitter.com/2/problems/duplicate-rules",
                    ])
                })
        }
        return JSONResponse.make(status: created.isEmpty ? .ok : .created, .object(body))
    }

    @Sendable func stream(req: Request) async throws -> Response {
        try req.requireApp()
        let (events, continuation) = AsyncStream.makeStream(of: StreamEvent.self)
        let id = try await world.openStream(selection: FieldSelection(query: req.queryItems), continuation: continuation)
        let session = StreamSession(world: world, connection: id, fault: req.streamFault)
        let interval = options.keepAliveInterval
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(
            status: .ok, headers: headers,
            body: .init(asyncStream: { writer in
                let keepAlive = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(interval))
                        continuation.yield(.keepAlive)
                    }
                }
                let ending = await session.run(events, writer: writer)
                keepAlive.cancel()
                await world.closeStream(id)
                try? await writer.write(ending)
            }))
    }
}
