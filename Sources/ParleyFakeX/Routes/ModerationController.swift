import Vapor

/// `PUT /2/tweets/:tweet_id/hidden` (hide a reply in a conversation the user started) and
/// `POST /2/users/:id/muting`, `DELETE /2/users/:source_user_id/muting/:target_user_id`, with X's refusals.
struct ModerationController: RouteCollection {
    let world: FakeXWorld

    struct HideInput: Decodable { var hidden: Bool? }
    struct MuteInput: Decodable {
        var targetUserID: String?
        enum CodingKeys: String, CodingKey { case targetUserID = "target_user_id" }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.put("2", "tweets", ":tweet_id", "hidden", use: hide)
        routes.post("2", "users", ":id", "muting", use: mute)
        routes.delete("2", "users", ":id", "muting", ":target_user_id", use: unmute)
    }

    @Sendable func hide(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        let input = try req.decodeJSON(HideInput.self)
        guard let hidden = input.hidden else { throw XError.invalidBody("The `hidden` field is required") }
        guard let id = req.parameters.get("tweet_id"), let post = await world.post(id: id) else {
            throw XError.invalidRequest(parameter: "tweet_id", value: req.parameters.get("tweet_id") ?? "", message: "Could not find tweet with tweet_id.")
        }
        var root: FakeXPost?
        if let conversation = post.conversationID { root = await world.post(id: conversation) }
        guard post.authorID != userID, let root, root.authorID == userID, root.id != post.id else {
            throw XError.forbidden("You can only hide or unhide replies to conversations you authored.")
        }
        await world.setHidden(id, hidden)
        return JSONResponse.make(status: .ok, .object(["data": .object(["hidden": .bool(hidden)])]))
    }

    @Sendable func mute(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        guard req.parameters.get("id") == userID else { throw XError.forbidden("You cannot mute on behalf of another user.") }
        let input = try req.decodeJSON(MuteInput.self)
        guard let target = input.targetUserID, !target.isEmpty else { throw XError.invalidBody("The `target_user_id` field is required") }
        guard target != userID else { throw XError.forbidden("You cannot mute yourself.") }
        await world.setMuted(target, by: userID, true)
        return JSONResponse.make(status: .ok, .object(["data": .object(["muting": .bool(true)])]))
    }

    @Sendable func unmute(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        guard req.parameters.get("id") == userID, let target = req.parameters.get("target_user_id") else {
            throw XError.forbidden("You cannot unmute on behalf of another user.")
        }
        await world.setMuted(target, by: userID, false)
        return JSONResponse.make(status: .ok, .object(["data": .object(["muting": .bool(false)])]))
    }
}
