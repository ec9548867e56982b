import Vapor

/// `GET /2/users/:id/mentions`, `/2/users/:id/tweets`, `/2/tweets/search/recent`: newest first,
/// paged, with the fields and expansions asked for.
struct TimelinesController: RouteCollection {
    let world: FakeXWorld

    func boot(routes: any RoutesBuilder) throws {
        routes.get("2", "users", ":id", "mentions", use: mentions)
        routes.get("2", "users", ":id", "tweets", use: tweets)
        routes.get("2", "tweets", "search", "recent", use: search)
    }

    @Sendable func mentions(req: Request) async throws -> Response {
        let query = req.queryItems
        let params = try TimelineParams(query: query, range: 5...100, defaultMax: 10, tokenNames: ["pagination_token"])
        let user = try await knownUser(req)
        return await page(await world.mentions(of: user), params: params, query: query)
    }

    @Sendable func tweets(req: Request) async throws -> Response {
        let query = req.queryItems
        let params = try TimelineParams(query: query, range: 5...100, defaultMax: 10, tokenNames: ["pagination_token"])
        let user = try await knownUser(req)
        return await page(await world.posts(by: user.id), params: params, query: query)
    }

    @Sendable func search(req: Request) async throws -> Response {
        let query = req.queryItems
        guard let text = query["query"] else {
            throw XError.invalidRequest(
                parameter: "query", value: "", message: "The `query` query parameter can not be empty")
        }
        let parsed: SearchQuery
        do {
            parsed = try SearchQuery.parse(text)
        } catch {
            throw XError.invalidRequest(
                parameter: "query", value: text,
                message: "There were errors processing your request: \(error.message)")
        }
        let params = try TimelineParams(
            query: query, range: 10...100, defaultMax: 10, tokenNames: ["next_token", "pagination_token"])
        return await page(await world.search(parsed), params: params, query: query)
    }

    private func knownUser(_ req: Request) async throws -> FakeXUser {
        let id = try req.requiredParameter("id")
        guard Snowflake.isDecimalID(id) else {
            throw XError.invalidRequest(
                parameter: "id", value: id, message: "The `id` query parameter value [\(id)] is not valid")
        }
        guard let user = await world.user(id: id) else {
            throw XError.problem(
                .notFound, title: "Not Found Error", detail: "Could not find user with id: [\(id)].",
                type: "https://api.twitter.com/2/problems/resource-not-found")
        }
        return user
    }

    private func page(_ newestFirst: [FakeXPost], params: TimelineParams, query: [String: String]) async -> Response {
        let (items, next) = params.page(newestFirst, id: \.id)
        let renderer = await world.renderer(FieldSelection(query: query))
        return JSONResponse.make(renderer.page(items, nextToken: next))
    }
}
