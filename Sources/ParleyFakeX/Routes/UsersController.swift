import Vapor

/// `GET /2/users/me`, `/2/users/:id`, `/2/users/by/username/:username`.
struct UsersController: RouteCollection {
    let world: FakeXWorld

    func boot(routes: any RoutesBuilder) throws {
        routes.get("2", "users", "me", use: me)
        routes.get("2", "users", ":id", use: byID)
        routes.get("2", "users", "by", "username", ":username", use: byUsername)
    }

    @Sendable func me(req: Request) async throws -> Response {
        let id = try await req.requireUser(world)
        guard let user = await world.user(id: id) else { throw XError.unauthorized }
        return await single(user, req: req)
    }

    @Sendable func byID(req: Request) async throws -> Response {
        let id = try req.requiredParameter("id")
        guard Snowflake.isDecimalID(id) else {
            throw XError.invalidRequest(
                parameter: "id", value: id, message: "The `id` query parameter value [\(id)] is not valid")
        }
        guard let user = await world.user(id: id) else {
            return Self.notFound(parameter: "id", value: id, detail: "Could not find user with id: [\(id)].")
        }
        return await single(user, req: req)
    }

    @Sendable func byUsername(req: Request) async throws -> Response {
        let name = try req.requiredParameter("username")
        guard let user = await world.user(username: name) else {
            return Self.notFound(
                parameter: "username", value: name, detail: "Could not find user with username: [\(name)].")
        }
        return await single(user, req: req)
    }

    private func single(_ user: FakeXUser, req: Request) async -> Response {
        let renderer = await world.renderer(FieldSelection(query: req.queryItems))
        return JSONResponse.make(.object(["data": renderer.user(user)]))
    }

    /// X answers a missing user with 200 and a resource-not-found entry in `errors`.
    static func notFound(parameter: String, value: String, detail: String) -> Response {
        JSONResponse.make(
            .object([
                "errors": .array([
                    .object([
                        "value": .string(value), "detail": .string(detail), "title": "Not Found Error",
                        "resource_type": "user", "parameter": .string(parameter), "resource_id": .string(value),
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                    ])
                ])
            ]))
    }
}
