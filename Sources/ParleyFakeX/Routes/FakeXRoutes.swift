import Vapor

/// Registers every route the fake answers; anything else is X's 404.
enum FakeXRoutes {
    static func register(on app: Application, world: FakeXWorld, options: FakeX.Options) throws {
        try app.register(collection: UsersController(world: world))
        try app.register(collection: TimelinesController(world: world))
        try app.register(collection: PostsController(world: world))
        try app.register(collection: ModerationController(world: world))
        try app.register(collection: DirectMessagesController(world: world))
        try app.register(collection: FilteredStreamController(world: world, options: options))
        try app.register(collection: OAuthController(world: world, options: options))
        try app.register(collection: WebhooksController(world: world, options: options))
    }
}
