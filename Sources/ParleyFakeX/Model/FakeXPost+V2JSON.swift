import Foundation

extension FakeXUser {
    /// A user from an API v2 user object; nil without `id` and `username`.
    init?(v2 json: FakeXJSON) {
        guard let id = json["id"]?.string, let username = json["username"]?.string else { return nil }
        var recorded = json.object ?? [:]
        recorded["__twarc"] = nil
        self.init(
            id: id, username: username, name: json["name"]?.string ?? username,
            followersCount: {
                if case .int(let n) = json["public_metrics"]?["followers_count"] { return n }
                return 0
            }(),
            verified: json["verified"] == .bool(true), recordedJSON: .object(recorded))
    }
}

extension FakeXPost {
    /// A post from an API v2 post object (plain or twarc's flattened form); nil without `id` and
    /// `text`. Missing fields are filled: `author_id` with `fallbackAuthorID`, `created_at` from
    /// the snowflake id (or `fallbackDate` when the id is not a snowflake).
    init?(v2 json: FakeXJSON, fallbackAuthorID: String?, fallbackDate: Date) {
        guard let id = json["id"]?.string, let text = json["text"]?.string,
            let author = json["author_id"]?.string ?? fallbackAuthorID
        else { return nil }
        var recorded = json.object ?? [:]
        for twarcKey in ["__twarc", "author", "in_reply_to_user"] { recorded[twarcKey] = nil }
        let references: [FakeXReference] = (json["referenced_tweets"]?.array ?? []).compactMap { ref in
            guard let type = ref["type"]?.string, let refID = ref["id"]?.string else { return nil }
            return FakeXReference(type: type, id: refID)
        }
        if !references.isEmpty {
            recorded["referenced_tweets"] = .array(
                references.map { .object(["type": .string($0.type), "id": .string($0.id)]) })
        }
        self.init(
            id: id, authorID: author, text: text,
            createdAt: json["created_at"]?.string.flatMap(XTime.parse) ?? Snowflake.date(of: id) ?? fallbackDate,
            conversationID: json["conversation_id"]?.string ?? id,
            inReplyToUserID: json["in_reply_to_user_id"]?.string, referencedTweets: references,
            replyRestricted: json["reply_settings"]?.string.map { $0 != "everyone" } ?? false,
            recordedJSON: .object(recorded))
    }
}
