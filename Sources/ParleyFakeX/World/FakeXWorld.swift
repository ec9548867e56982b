import Foundation

/// Everything the fake X knows: accounts, posts, DMs, tokens, stream rules and connections,
/// webhooks, injected faults, rate-limit windows and the request log.
public actor FakeXWorld {
    let options: FakeX.Options
    var users: [String: FakeXUser] = [:]
    var postsByID: [String: FakeXPost] = [:]
    var dms: [FakeXDMEvent] = []
    private var lastID: UInt64 = 0

    // Auth (FakeXWorld+Auth.swift)
    var accessTokens: [String: AccessGrant] = [:]
    var refreshTokens: [String: RefreshGrant] = [:]
    var oauth1Tokens: [String: FakeXOAuth1Token] = [:]
    var authorizationCodes: [String: AuthorizationCode] = [:]
    var revoked: Set<String> = []

    // Traffic (FakeXWorld+Traffic.swift)
    var faults: [String: [(fault: FakeXFault, remaining: Int)]] = [:]
    var rateWindows: [String: (start: Date, count: Int)] = [:]
    var requestLog: [FakeXRequest] = []

    // Filtered stream (FakeXWorld+Stream.swift)
    var rules: [StreamRule] = []
    var streams: [UUID: StreamConnection] = [:]

    // Account Activity (FakeXWorld+Webhooks.swift)
    var webhooks: [Webhook] = []

    // Moderation (FakeXWorld+Moderation.swift)
    var hiddenReplies: Set<String> = []
    var mutes: [String: Set<String>] = [:]

    init(options: FakeX.Options) {
        self.options = options
    }

    var now: Date { options.now() }

    public func addUser(_ user: FakeXUser) {
        users[user.id] = user
    }

    /// Adds (or replaces) a post and pushes it to every open filtered-stream connection whose
    /// rules match it.
    @discardableResult
    public func addPost(_ post: FakeXPost) -> String {
        postsByID[post.id] = post
        if let value = UInt64(post.id) { lastID = max(lastID, value) }
        pushToStreams(post)
        return post.id
    }

    /// Snowflake-like: increasing, from the clock, and larger than every id already in the world.
    public func nextPostID() -> String {
        lastID = max(lastID + 1, Snowflake.id(at: now))
        return String(lastID)
    }

    @discardableResult
    public func addDM(senderID: String, recipientID: String, text: String, createdAt: Date? = nil) -> String {
        let id = nextPostID()
        dms.append(
            FakeXDMEvent(id: id, senderID: senderID, recipientID: recipientID, text: text, createdAt: createdAt ?? now))
        return id
    }

    /// Seeds users, posts and DMs in one step (no stream is open yet).
    func load(users newUsers: [FakeXUser], posts newPosts: [FakeXPost], dms newDMs: [FakeXDMEvent]) {
        for user in newUsers { users[user.id] = user }
        for post in newPosts { addPost(post) }
        for dm in newDMs { addRecordedDM(dm) }
    }

    func addRecordedDM(_ event: FakeXDMEvent) {
        dms.append(event)
        if let value = UInt64(event.id) { lastID = max(lastID, value) }
    }

    /// The user's own posts, newest first.
    public func posts(by authorID: String) -> [FakeXPost] {
        Self.newestFirst(postsByID.values.filter { $0.authorID == authorID })
    }

    /// Posts that @mention the user or reply to them, not written by them; newest first.
    func mentions(of user: FakeXUser) -> [FakeXPost] {
        let name = user.username.lowercased()
        return Self.newestFirst(
            postsByID.values.filter { post in
                post.authorID != user.id
                    && (post.inReplyToUserID == user.id
                        || PostRenderer.mentions(in: post.text).contains { $0.username.lowercased() == name })
            })
    }

    func search(_ query: SearchQuery) -> [FakeXPost] {
        Self.newestFirst(postsByID.values.filter { query.matches(SearchSubject(post: $0, users: users)) })
    }

    public func dmEvents() -> [FakeXDMEvent] {
        dms.sorted { Snowflake.isLess($1.id, $0.id) }
    }

    func user(id: String) -> FakeXUser? { users[id] }

    func user(username: String) -> FakeXUser? {
        users.values.first { $0.username.caseInsensitiveCompare(username) == .orderedSame }
    }

    func post(id: String) -> FakeXPost? { postsByID[id] }

    func renderer(_ selection: FieldSelection) -> PostRenderer {
        PostRenderer(selection: selection, users: users, posts: postsByID)
    }

    static func newestFirst(_ posts: some Sequence<FakeXPost>) -> [FakeXPost] {
        posts.sorted { Snowflake.isLess($1.id, $0.id) }
    }
}
