import Vapor

/// `POST /2/tweets`: the post joins the world as the token's user, with X's refusals.
struct PostsController: RouteCollection {
    let world: FakeXWorld

    /// X's plain limit; the fake counts characters, not twitter-text's weights.
    static let maxLength = 280

    struct Input: Decodable {
        struct Reply: Decodable {
            var inReplyToTweetID: String?
            enum CodingKeys: String, CodingKey { case inReplyToTweetID = "in_reply_to_tweet_id" }
        }
        var text: String?
        var reply: Reply?
        var quoteTweetID: String?
        enum CodingKeys: String, CodingKey {
            case text, reply
            case quoteTweetID = "quote_tweet_id"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("2", "tweets", use: create)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        let input = try req.decodeJSON(Input.self)
        guard let text = input.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw XError.invalidBody("Post text must not be empty")
        }
        guard text.count <= Self.maxLength else {
            throw XError.forbidden(
                "Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text."
            )
        }
        if await world.posts(by: userID).contains(where: { $0.text == text }) {
            throw XError.forbidden("You are not allowed to create a Tweet with duplicate content.")
        }
        var post = FakeXPost(id: await world.nextPostID(), authorID: userID, text: text, createdAt: world.options.now())
        if let targetID = input.reply?.inReplyToTweetID {
            guard let target = await world.post(id: targetID) else {
                throw XError.forbidden("You attempted to reply to a Tweet that is deleted or not visible to you.")
            }
            if target.replyRestricted, target.authorID != userID, !(await isMentioned(userID, in: target)) {
                throw XError.forbidden(
                    "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to."
                )
            }
            post.conversationID = target.conversationID ?? target.id
            post.inReplyToUserID = target.authorID
            post.referencedTweets.append(FakeXReference(type: "replied_to", id: target.id))
        }
        if let quoted = input.quoteTweetID {
            guard await world.post(id: quoted) != nil else {
                throw XError.forbidden("You attempted to quote a Tweet that is deleted or not visible to you.")
            }
            post.referencedTweets.append(FakeXReference(type: "quoted", id: quoted))
        }
        await world.addPost(post)
        return JSONResponse.make(status: .created, .object(["data": .object(["id": .string(post.id), "text": .string(text)])]))
    }

    private func isMentioned(_ userID: String, in post: FakeXPost) async -> Bool {
        guard let name = await world.user(id: userID)?.username.lowercased() else { return false }
        return PostRenderer.mentions(in: post.text).contains { $0.username.lowercased() == name }
    }
}
