import Foundation
import ParleyCore

extension InboundEventBuilder {
    mutating func addV1Tweet(_ tweet: V1Tweet, path: String) {
        guard let id = tweet.idStr else { return skip(path, "missing id_str") }
        guard let authorID = tweet.user?.userID else { return skip(path, "missing user.id_str") }
        guard let createdAt = tweet.createdAt.flatMap(XTimestamp.parseV1) ?? XTimestamp.fromSnowflake(id) else {
            return skip(path, "missing created_at, and the id is not a snowflake")
        }
        let entities = tweet.extendedTweet?.entities ?? tweet.entities
        var inbound = InboundPost(
            id: id, editHistory: Self.versions(tweet.editHistory?.editTweetIDs, through: id),
            text: PostTextEntities.unescape(tweet.wholeText), authorID: authorID, createdAt: createdAt,
            inReplyToPostID: tweet.inReplyToStatusIDStr, inReplyToUserID: tweet.inReplyToUserIDStr,
            mentionedUsernames: entities?.userMentions?.compactMap(\.screenName) ?? [], lang: tweet.lang,
            matchingTags: (tweet.matchingRules ?? []).compactMap(\.tag).filter { !$0.isEmpty })
        if let retweeted = tweet.retweetedStatus?.tweet {
            // A retweet of a quote repeats the quoted post at the top level; like API v2, the
            // retweet itself quotes nothing.
            inbound.retweetedPostID = retweeted.idStr
            inbound.retweetedAuthorID = retweeted.user?.userID
        } else if let quotedID = tweet.quotedStatusIDStr ?? tweet.quotedStatus?.tweet.idStr {
            inbound.quotedPostID = quotedID
            inbound.quotedAuthorID = tweet.quotedStatus?.tweet.user?.userID
        }
        posts.append(inbound)
        addV1Users(of: tweet, path: path)
    }

    /// The author and the authors of the quoted and retweeted posts embedded in it.
    mutating func addV1Users(of tweet: V1Tweet, path: String) {
        if let user = tweet.user { addV1User(user, path: path + ".user") }
        if let quoted = tweet.quotedStatus?.tweet { addV1Users(of: quoted, path: path + ".quoted_status") }
        if let retweeted = tweet.retweetedStatus?.tweet { addV1Users(of: retweeted, path: path + ".retweeted_status") }
    }

    mutating func addV1User(_ user: V1User, path: String) {
        guard let id = user.userID, let username = user.screenName else {
            return skip(path, "missing id_str or screen_name")
        }
        add(InboundUser(
            id: id, username: username, name: user.name ?? username, followersCount: user.followersCount ?? 0,
            verified: user.verified ?? false, profileImageURL: user.profileImageURLHTTPS ?? user.profileImageURL,
            bio: user.description))
    }

    /// Only `message_create` events are messages; typing and read receipts are not.
    mutating func addAADirectMessage(_ event: AADirectMessageEvent, path: String) {
        guard event.type == "message_create" else { return }
        guard let id = event.id else { return skip(path, "missing id") }
        guard let senderID = event.senderID else { return skip(path, "missing message_create.sender_id") }
        guard let createdAt = event.createdTimestamp.flatMap(XTimestamp.parseMilliseconds)
            ?? XTimestamp.fromSnowflake(id)
        else { return skip(path, "missing created_timestamp, and the id is not a snowflake") }
        dms.append(InboundDM(
            id: id, text: event.text ?? "", senderID: senderID, recipientID: event.recipientID,
            dmConversationID: event.recipientID.map { Self.oneToOneConversationID(senderID, $0) },
            createdAt: createdAt))
    }
}
