import Foundation
import ParleyCore

/// Reads any payload X sends (API v2 stream lines, lookups and pages, DM event pages, Account
/// Activity deliveries, bare v1.1 posts and twarc's flattened posts) into ParleyCore's inbound
/// values. Unknown fields are ignored and odd optional fields dropped; only a payload that is not
/// JSON, not an X shape, or lacks what identifies it is an error.
public enum XPayloadDecoder {
    /// - Parameter assumedAuthorID: the author of posts that arrive without `author_id`, when the
    ///   caller knows it (a create response for one of the brand's handles, a user's own
    ///   timeline). Without it such posts are skipped, not guessed.
    public static func decode(_ bytes: Data, assumedAuthorID: String? = nil) throws(XPayloadError) -> XDecodedPayload {
        guard let first = bytes.first(where: { !isJSONWhitespace($0) }) else { throw .empty }
        if first == UInt8(ascii: "<") {
            throw .notJSON("starts with '<' (an HTML or XML page?)")
        }
        if let problem = JSONTextCheck.problem(in: bytes) { throw .notJSON(problem) }
        let document: PayloadDocument
        do {
            document = try JSONDecoder().decode(PayloadDocument.self, from: bytes)
        } catch let error as XPayloadError {
            throw error
        } catch let error as DecodingError {
            throw payloadError(error, firstByte: first)
        } catch {
            throw .notJSON(String(describing: type(of: error)))
        }
        switch document {
        case .v2(let envelope):
            return try decodeV2(envelope, assumedAuthorID: assumedAuthorID)
        case .v2FlatPost(let post):
            return try decodeFlatPost(post, assumedAuthorID: assumedAuthorID)
        case .v1Tweet(let tweet):
            return try decodeV1Tweet(tweet)
        case .accountActivity(let payload):
            return decodeAccountActivity(payload)
        }
    }

    /// The stable id to journal a payload under, or nil when it has none (hash the bytes then).
    /// Decoding already gives it as `XDecodedPayload.externalID`; this is for callers that have
    /// only the bytes.
    public static func externalID(for bytes: Data) -> String? {
        (try? decode(bytes))?.externalID
    }

    // MARK: API v2

    static func decodeV2(_ envelope: V2Envelope, assumedAuthorID: String?) throws(XPayloadError) -> XDecodedPayload {
        let items: [V2DataItem]
        let single: Bool
        switch envelope.data {
        case .one(let item): (items, single) = ([item], true)
        case .many(let list): (items, single) = (list, false)
        case nil: (items, single) = ([], false)
        }

        var authors: [String: String] = [:]
        for post in envelope.includes?.tweets ?? [] {
            if let id = post.id, let author = post.authorID { authors[id] = author }
        }
        for case .post(let post) in items {
            if let id = post.id, let author = post.authorID, authors[id] == nil { authors[id] = author }
        }
        let tags = (envelope.matchingRules ?? []).compactMap(\.tag).filter { !$0.isEmpty }

        var builder = InboundEventBuilder()
        for (index, item) in items.enumerated() {
            let path = single ? "data" : "data[\(index)]"
            switch item {
            case .post(let post):
                // A lone object that is not even identifiable is malformed; in a page it is skipped
                // so that its siblings still arrive.
                if single, post.id == nil { throw .invalidField(path: "data.id", reason: "missing or not a string") }
                builder.addV2Post(post, path: path, authors: authors, tags: tags, assumedAuthorID: assumedAuthorID)
            case .dmEvent(let event):
                if single, event.id == nil { throw .invalidField(path: "data.id", reason: "missing or not a string") }
                builder.addV2DMEvent(event, path: path)
            case .user(let user):
                builder.addV2User(user, path: path)
            case .other:
                break
            case .notObject:
                builder.skip(path, "not an object")
            }
        }
        if let users = envelope.includes?.users {
            for (index, user) in users.indexed { builder.addV2User(user, path: "includes.users[\(index)]") }
            for index in users.droppedIndices { builder.skip("includes.users[\(index)]", "not an object") }
        }

        let kind: XPayloadKind
        switch items.first {
        case .post: kind = single ? .v2Post : .v2Page
        case .dmEvent: kind = .v2DMPage
        case .user: kind = .v2Users
        case .other, .notObject: kind = .other
        case nil: kind = .v2Page
        }
        var externalID: String?
        if items.count == 1 {
            switch items[0] {
            case .post(let post): externalID = post.id.map(JournalKey.post)
            case .dmEvent(let event): externalID = event.id.map(JournalKey.dm)
            case .user, .other, .notObject: break
            }
        }
        return XDecodedPayload(
            kind: kind, event: builder.event, meta: envelope.meta.map(XPageMeta.init),
            problems: (envelope.errors ?? []).map(XAPIProblem.init), skipped: builder.skipped,
            externalID: externalID)
    }

    static func decodeFlatPost(_ post: V2Post, assumedAuthorID: String?) throws(XPayloadError) -> XDecodedPayload {
        guard let id = post.id else { throw .invalidField(path: "id", reason: "missing or not a string") }
        var builder = InboundEventBuilder()
        builder.addV2Post(post, path: "post", authors: [:], tags: [], assumedAuthorID: assumedAuthorID)
        builder.addEmbeddedUsers(of: post, path: "post")
        return XDecodedPayload(kind: .v2Post, event: builder.event, skipped: builder.skipped, externalID: JournalKey.post(id))
    }

    // MARK: v1.1 and Account Activity

    static func decodeV1Tweet(_ tweet: V1Tweet) throws(XPayloadError) -> XDecodedPayload {
        guard let id = tweet.idStr else { throw .invalidField(path: "id_str", reason: "missing or not a string") }
        var builder = InboundEventBuilder()
        builder.addV1Tweet(tweet, path: "post")
        return XDecodedPayload(kind: .v1Tweet, event: builder.event, skipped: builder.skipped, externalID: JournalKey.post(id))
    }

    static func decodeAccountActivity(_ payload: AccountActivityPayload) -> XDecodedPayload {
        var builder = InboundEventBuilder()
        if let tweets = payload.tweetCreateEvents {
            for (index, tweet) in tweets.indexed { builder.addV1Tweet(tweet, path: "tweet_create_events[\(index)]") }
            for index in tweets.droppedIndices { builder.skip("tweet_create_events[\(index)]", "not an object") }
        }
        if let events = payload.directMessageEvents {
            for (index, event) in events.indexed {
                builder.addAADirectMessage(event, path: "direct_message_events[\(index)]")
            }
            for index in events.droppedIndices { builder.skip("direct_message_events[\(index)]", "not an object") }
        }
        // A JSON object has no order; sorting keeps a rebuild from the journal identical.
        for (key, user) in (payload.users ?? [:]).sorted(by: { $0.key < $1.key }) {
            builder.addV1User(user, path: "users.\(key)")
        }
        return XDecodedPayload(
            kind: .accountActivity, event: builder.event, skipped: builder.skipped,
            deletedPostIDs: (payload.tweetDeleteEvents ?? []).compactMap(\.postID), forUserID: payload.forUserID,
            externalID: accountActivityExternalID(payload))
    }

    /// `aa:<for_user_id>:<kind:id,...>` over every event, sorted. Each id is prefixed with its
    /// kind because a post's creation and its deletion carry the same id. Nil when any event has
    /// no id of its own (follows, blocks, mutes, typing, read receipts, `user_event`): two such
    /// deliveries could not be told apart.
    static func accountActivityExternalID(_ payload: AccountActivityPayload) -> String? {
        guard let forUserID = payload.forUserID else { return nil }
        var ids: [String] = []
        for key in payload.eventKeys {
            switch key {
            case "tweet_create_events":
                guard let tweets = payload.tweetCreateEvents, tweets.droppedIndices.isEmpty else { return nil }
                for tweet in tweets.elements {
                    guard let id = tweet.idStr else { return nil }
                    ids.append("tweet:\(id)")
                }
            case "direct_message_events":
                guard let events = payload.directMessageEvents, events.droppedIndices.isEmpty else { return nil }
                for event in events.elements {
                    guard let id = event.id else { return nil }
                    ids.append("dm:\(id)")
                }
            case "favorite_events":
                for event in payload.favoriteEvents ?? [] {
                    guard let id = event.id else { return nil }
                    ids.append("favorite:\(id)")
                }
            case "tweet_delete_events":
                for event in payload.tweetDeleteEvents ?? [] {
                    guard let id = event.postID else { return nil }
                    ids.append("delete:\(id)")
                }
            default:
                return nil
            }
        }
        guard !ids.isEmpty else { return nil }
        return JournalKey.accountActivity(forUserID: forUserID, events: ids)
    }

    // MARK: errors

    private static func payloadError(_ error: DecodingError, firstByte: UInt8) -> XPayloadError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .notJSON(context.underlyingError.map(jsonProblem) ?? "malformed JSON")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return .notAnObject(found: jsonKind(startingWith: firstByte))
        case .typeMismatch(let type, let context):
            return .invalidField(path: render(context.codingPath), reason: "expected \(type)")
        case .valueNotFound(_, let context):
            return .invalidField(path: render(context.codingPath), reason: "is null")
        case .keyNotFound(let key, let context):
            return .invalidField(path: render(context.codingPath + [key]), reason: "missing")
        case .dataCorrupted(let context):
            return .invalidField(path: render(context.codingPath), reason: "malformed")
        @unknown default:
            return .notJSON("undecodable")
        }
    }

    /// The parser's complaint without the bytes it quotes: those could be someone's post text.
    private static func jsonProblem(_ error: any Error) -> String {
        let description = String(describing: error)
        var kept = ""
        var quoted = false
        for character in description {
            if character == "'" || character == "\"" {
                quoted.toggle()
                kept.append("…")
                continue
            }
            if !quoted { kept.append(character) }
        }
        return String(kept.prefix(200))
    }

    private static func jsonKind(startingWith byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "["): "array"
        case UInt8(ascii: "\""): "string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "boolean"
        case UInt8(ascii: "n"): "null"
        default: "number"
        }
    }

    private static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

extension XPageMeta {
    init(_ meta: V2Meta) {
        self.init(
            newestID: meta.newestID, oldestID: meta.oldestID, resultCount: meta.resultCount,
            nextToken: meta.nextToken, previousToken: meta.previousToken)
    }
}

extension XAPIProblem {
    init(_ problem: V2Problem) {
        self.init(
            title: problem.title, detail: problem.detail, type: problem.type, resourceType: problem.resourceType,
            resourceID: problem.resourceID, parameter: problem.parameter)
    }
}
