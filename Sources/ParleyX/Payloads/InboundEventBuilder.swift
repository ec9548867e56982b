import Foundation
import ParleyCore

/// Collects one payload's posts, DMs and users as the decoder walks it, and what it had to skip.
struct InboundEventBuilder {
    var posts: [InboundPost] = []
    var dms: [InboundDM] = []
    var users: [InboundUser] = []
    var skipped: [XSkippedItem] = []
    private var seenUserIDs: Set<String> = []

    var event: InboundEvent { InboundEvent(posts: posts, dms: dms, users: users) }

    mutating func skip(_ path: String, _ reason: String) {
        skipped.append(XSkippedItem(path: path, reason: reason))
    }

    /// The first profile seen for an id wins; later copies in the same payload are the same user.
    mutating func add(_ user: InboundUser) {
        if seenUserIDs.insert(user.id).inserted { users.append(user) }
    }

    // MARK: API v2

    /// `authors` maps referenced post ids to their authors (from `includes.tweets`).
    mutating func addV2Post(
        _ post: V2Post, path: String, authors: [String: String], tags: [String], assumedAuthorID: String?
    ) {
        guard let id = post.id else { return skip(path, "missing id") }
        guard let authorID = post.authorID ?? post.author?.id ?? assumedAuthorID else {
            return skip(path, "missing author_id")
        }
        guard let createdAt = post.createdAt.flatMap(XTimestamp.parseISO8601) ?? XTimestamp.fromSnowflake(id) else {
            return skip(path, "missing created_at, and the id is not a snowflake")
        }
        // A post longer than 280 characters arrives with `text` cut short and the whole in `note_tweet`.
        let entities = post.noteTweet?.entities ?? post.entities
        var inbound = InboundPost(
            id: id, editHistory: Self.versions(post.editHistoryTweetIDs, through: id),
            text: PostTextEntities.unescape(post.noteTweet?.text ?? post.text ?? ""), authorID: authorID, createdAt: createdAt,
            conversationID: post.conversationID, inReplyToUserID: post.inReplyToUserID,
            mentionedUsernames: entities?.mentions?.compactMap(\.username) ?? [], lang: post.lang,
            matchingTags: tags)
        for reference in post.referencedTweets ?? [] {
            guard let referencedID = reference.id else { continue }
            let referencedAuthor = reference.authorID ?? reference.embeddedAuthor?.id ?? authors[referencedID]
            switch reference.type {
            case "replied_to":
                inbound.inReplyToPostID = referencedID
            case "quoted":
                inbound.quotedPostID = referencedID
                inbound.quotedAuthorID = referencedAuthor
            case "retweeted":
                inbound.retweetedPostID = referencedID
                inbound.retweetedAuthorID = referencedAuthor
            default:
                break
            }
        }
        posts.append(inbound)
    }

    /// The profiles twarc's flattened form embeds in a post.
    mutating func addEmbeddedUsers(of post: V2Post, path: String) {
        if let author = post.author { addV2User(author, path: path + ".author") }
        if let user = post.inReplyToUser { addV2User(user, path: path + ".in_reply_to_user") }
        for (index, mention) in (post.entities?.mentions ?? []).enumerated() {
            if let user = mention.user { addV2User(user, path: path + ".entities.mentions[\(index)]") }
        }
        for (index, reference) in (post.referencedTweets ?? []).enumerated() {
            if let author = reference.embeddedAuthor {
                addV2User(author, path: path + ".referenced_tweets[\(index)].author")
            }
        }
    }

    mutating func addV2User(_ user: V2User, path: String) {
        guard let id = user.id, let username = user.username else { return skip(path, "missing id or username") }
        add(InboundUser(
            id: id, username: username, name: user.name ?? username,
            followersCount: user.publicMetrics?.followersCount ?? 0,
            verified: user.verified ?? user.verifiedType.map { $0 != "none" } ?? false,
            profileImageURL: user.profileImageURL, bio: user.description))
    }

    /// Only `MessageCreate` events are messages; joins and leaves are not.
    mutating func addV2DMEvent(_ event: V2DMEvent, path: String) {
        guard event.eventType == V2DMEvent.messageCreate else { return }
        guard let id = event.id else { return skip(path, "missing id") }
        guard let senderID = event.senderID else { return skip(path, "missing sender_id") }
        guard let createdAt = event.createdAt.flatMap(XTimestamp.parseISO8601) ?? XTimestamp.fromSnowflake(id) else {
            return skip(path, "missing created_at, and the id is not a snowflake")
        }
        dms.append(InboundDM(
            id: id, text: event.text ?? "", senderID: senderID,
            recipientID: Self.recipient(
                of: senderID, participantIDs: event.participantIDs, dmConversationID: event.dmConversationID),
            dmConversationID: event.dmConversationID, createdAt: createdAt))
    }

    // MARK: shared rules

    /// The versions up to and including this one, oldest first. X lists every version in each
    /// version's `edit_history_tweet_ids`, so an old version looked up after an edit names its
    /// successors too; cutting them keeps "this one last", which is how the pipeline ranks versions.
    static func versions(_ history: [String]?, through id: String) -> [String] {
        guard let history, !history.isEmpty else { return [id] }
        guard let position = history.firstIndex(of: id) else { return history + [id] }
        return Array(history[...position])
    }

    /// The other side of a one-to-one conversation: from `participant_ids` when it names exactly
    /// one other user, else from a `dm_conversation_id` of the form "<id>-<id>".
    static func recipient(of senderID: String, participantIDs: [String]?, dmConversationID: String?) -> String? {
        if let participantIDs {
            let others = Set(participantIDs).subtracting([senderID])
            if others.count == 1, participantIDs.contains(senderID) { return others.first }
        }
        guard let parts = dmConversationID?.split(separator: "-"), parts.count == 2 else { return nil }
        if parts[0] == senderID { return String(parts[1]) }
        if parts[1] == senderID { return String(parts[0]) }
        return nil
    }

    /// X's id for a one-to-one conversation: the two user ids, smaller first, joined by "-".
    static func oneToOneConversationID(_ a: String, _ b: String) -> String {
        let aFirst = a.count != b.count ? a.count < b.count : a <= b
        return aFirst ? "\(a)-\(b)" : "\(b)-\(a)"
    }
}
