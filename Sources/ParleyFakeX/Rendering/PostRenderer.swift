import Foundation

/// Writes posts, users and DM events as X API v2 does: the default fields plus those asked for,
/// and `includes` only for the expansions asked for.
struct PostRenderer: Sendable {
    var selection: FieldSelection
    var users: [String: FakeXUser]
    var posts: [String: FakeXPost]
    private var usersByName: [String: FakeXUser]

    init(selection: FieldSelection, users: [String: FakeXUser], posts: [String: FakeXPost]) {
        self.selection = selection
        self.users = users
        self.posts = posts
        usersByName = Dictionary(users.values.map { ($0.username.lowercased(), $0) }) { a, _ in a }
    }

    func post(_ p: FakeXPost) -> FakeXJSON {
        let wanted = FieldSelection.defaultPostFields.union(selection.tweetFields)
        return .object(Self.fullPost(p, users: usersByName).filter { wanted.contains($0.key) })
    }

    func user(_ u: FakeXUser) -> FakeXJSON {
        let wanted = FieldSelection.defaultUserFields.union(selection.userFields)
        return .object(Self.fullUser(u).filter { wanted.contains($0.key) })
    }

    func dmEvent(_ e: FakeXDMEvent) -> FakeXJSON {
        let full: [String: FakeXJSON] = [
            "id": .string(e.id), "event_type": "MessageCreate", "text": .string(e.text),
            "sender_id": .string(e.senderID), "dm_conversation_id": .string(e.conversationID),
            "created_at": .string(XTime.format(e.createdAt)),
        ]
        let wanted = FieldSelection.defaultDMEventFields.union(selection.dmEventFields)
        return .object(full.filter { wanted.contains($0.key) })
    }

    /// `{"data":[...],"includes":{...},"meta":{...}}`, or `{"meta":{"result_count":0}}` when empty.
    func page(_ items: [FakeXPost], nextToken: String?) -> FakeXJSON {
        guard let newest = items.first, let oldest = items.last else {
            return .object(["meta": .object(["result_count": .int(0)])])
        }
        var meta: [String: FakeXJSON] = [
            "result_count": .int(items.count), "newest_id": .string(newest.id), "oldest_id": .string(oldest.id),
        ]
        if let nextToken { meta["next_token"] = .string(nextToken) }
        var body: [String: FakeXJSON] = ["data": .array(items.map(post)), "meta": .object(meta)]
        if let includes = includes(for: items) { body["includes"] = includes }
        return .object(body)
    }

    func dmPage(_ events: [FakeXDMEvent], nextToken: String?) -> FakeXJSON {
        var meta: [String: FakeXJSON] = ["result_count": .int(events.count)]
        if let nextToken { meta["next_token"] = .string(nextToken) }
        guard !events.isEmpty else { return .object(["meta": .object(meta)]) }
        var ids: [String] = []
        for e in events {
            if selection.expansions.contains("sender_id") { ids.append(e.senderID) }
            if selection.expansions.contains("participant_ids") { ids += [e.senderID, e.recipientID] }
        }
        var body: [String: FakeXJSON] = ["data": .array(events.map(dmEvent)), "meta": .object(meta)]
        let included = unique(ids).compactMap { users[$0] }.map(user)
        if !included.isEmpty { body["includes"] = .object(["users": .array(included)]) }
        return .object(body)
    }

    /// A filtered-stream line (without its `\r\n`).
    func streamLine(_ p: FakeXPost, rules: [StreamRule]) -> Data {
        var body: [String: FakeXJSON] = [
            "data": post(p),
            "matching_rules": .array(rules.map { .object(["id": .string($0.id), "tag": .string($0.tag ?? "")]) }),
        ]
        if let includes = includes(for: [p]) { body["includes"] = includes }
        return FakeXJSON.object(body).encoded()
    }

    func includes(for items: [FakeXPost]) -> FakeXJSON? {
        let ex = selection.expansions
        var userIDs: [String] = []
        var postIDs: [String] = []
        for p in items {
            if ex.contains("author_id") { userIDs.append(p.authorID) }
            if ex.contains("in_reply_to_user_id"), let id = p.inReplyToUserID { userIDs.append(id) }
            if ex.contains("entities.mentions.username") {
                userIDs += Self.mentions(in: p.text).compactMap { usersByName[$0.username.lowercased()]?.id }
            }
            let referenced = p.referencedTweets.map(\.id).filter { posts[$0] != nil }
            if ex.contains("referenced_tweets.id") { postIDs += referenced }
            if ex.contains("referenced_tweets.id.author_id") { userIDs += referenced.compactMap { posts[$0]?.authorID } }
        }
        var includes: [String: FakeXJSON] = [:]
        let includedUsers = unique(userIDs).compactMap { users[$0] }.map(user)
        if !includedUsers.isEmpty { includes["users"] = .array(includedUsers) }
        let includedPosts = unique(postIDs).compactMap { posts[$0] }.map(post)
        if !includedPosts.isEmpty { includes["tweets"] = .array(includedPosts) }
        return includes.isEmpty ? nil : .object(includes)
    }

    private func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }

    static func fullPost(_ p: FakeXPost, users: [String: FakeXUser]) -> [String: FakeXJSON] {
        var o = p.recordedJSON?.object ?? [:]
        o["id"] = .string(p.id)
        o["text"] = .string(p.text)
        if o["edit_history_tweet_ids"] == nil { o["edit_history_tweet_ids"] = .array([.string(p.id)]) }
        o["author_id"] = .string(p.authorID)
        o["created_at"] = .string(XTime.format(p.createdAt))
        o["conversation_id"] = .string(p.conversationID ?? p.id)
        if let to = p.inReplyToUserID { o["in_reply_to_user_id"] = .string(to) }
        if !p.referencedTweets.isEmpty {
            o["referenced_tweets"] = .array(
                p.referencedTweets.map { .object(["type": .string($0.type), "id": .string($0.id)]) })
        }
        if o["reply_settings"] == nil { o["reply_settings"] = p.replyRestricted ? "mentionedUsers" : "everyone" }
        if o["entities"] == nil {
            let found = mentions(in: p.text)
            if !found.isEmpty {
                o["entities"] = .object([
                    "mentions": .array(
                        found.map { m in
                            var e: [String: FakeXJSON] = [
                                "start": .int(m.start), "end": .int(m.end), "username": .string(m.username),
                            ]
                            if let id = users[m.username.lowercased()]?.id { e["id"] = .string(id) }
                            return .object(e)
                        })
                ])
            }
        }
        return o
    }

    static func fullUser(_ u: FakeXUser) -> [String: FakeXJSON] {
        var o = u.recordedJSON?.object ?? [:]
        o["id"] = .string(u.id)
        o["name"] = .string(u.name)
        o["username"] = .string(u.username)
        o["verified"] = .bool(u.verified)
        var metrics = o["public_metrics"]?.object ?? [:]
        metrics["followers_count"] = .int(u.followersCount)
        o["public_metrics"] = .object(metrics)
        return o
    }

    /// `@name` mentions with Unicode code point offsets, as API v2 entities give them.
    static func mentions(in text: String) -> [(start: Int, end: Int, username: String)] {
        let scalars = Array(text.unicodeScalars)
        func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" }
        var found: [(Int, Int, String)] = []
        var i = 0
        while i < scalars.count {
            if scalars[i] == "@" || scalars[i] == "＠", i == 0 || !isWord(scalars[i - 1]) {
                var j = i + 1
                while j < scalars.count, j - i <= 15, scalars[j].isASCII, isWord(scalars[j]) { j += 1 }
                if j > i + 1 {
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: scalars[(i + 1)..<j])
                    found.append((i, j, String(name)))
                }
                i = j
            } else {
                i += 1
            }
        }
        return found
    }
}
