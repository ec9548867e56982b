import Foundation

/// One post or DM event from a page, as a self-contained payload the journal keeps and
/// `XPayloadDecoder` reads: the object under `data` with the users and posts it refers to under
/// `includes`, the same shape as a filtered-stream line.
public struct XPageItem: Sendable, Equatable {
    public var id: String
    public var payload: Data

    public init(id: String, payload: Data) {
        self.id = id
        self.payload = payload
    }
}

/// A page of posts (mentions, recent search, a user's posts) or of DM events, newest first.
public struct XPage: Sendable, Equatable {
    public var items: [XPageItem]
    public var newestID: String?
    public var nextToken: String?
    /// What X bills for this page: the posts or DM events, and the users in `includes`.
    public var usage: XUsage
    /// Partial errors X reported beside the data (a referenced post deleted, a user suspended).
    public var partialErrors: Int
    /// The endpoint's window after this page: a source waits for its reset when nothing is left.
    public var rateLimit: XRateLimit?

    public init(items: [XPageItem], newestID: String?, nextToken: String?, usage: XUsage, partialErrors: Int) {
        self.items = items
        self.newestID = newestID
        self.nextToken = nextToken
        self.usage = usage
        self.partialErrors = partialErrors
    }

    public enum Kind: Sendable {
        case posts(billedAs: XResource)
        case dmEvents(billedAs: XResource)
    }

    /// Splits a v2 page body. A body that is not the documented shape is `malformed`: never a crash,
    /// and nothing of it is taken.
    public static func parse(_ body: Data, status: Int = 200, kind: Kind) throws(XAPIError) -> XPage {
        guard !body.isEmpty else { throw .malformed(status: status, reason: "empty body") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: body)
        } catch {
            throw .malformed(status: status, reason: "not JSON (\(body.count) bytes, cut short or an error page)")
        }
        guard let root = parsed as? [String: Any] else { throw .malformed(status: status, reason: "not a JSON object") }
        let data: [[String: Any]]
        switch root["data"] {
        case nil:
            data = []
        case let objects as [[String: Any]]:
            data = objects
        default:
            throw .malformed(status: status, reason: "'data' is not an array of objects")
        }
        var meta: [String: Any] = [:]
        if let value = root["meta"] {
            guard let object = value as? [String: Any] else { throw .malformed(status: status, reason: "'meta' is not an object") }
            meta = object
        }
        if let count = meta["result_count"], !(count is NSNumber) {
            throw .malformed(status: status, reason: "'meta.result_count' is not a number")
        }
        let nextToken = try optionalString(meta["next_token"], "meta.next_token", status: status)
        let newestID = try optionalString(meta["newest_id"], "meta.newest_id", status: status)
        var includes: [String: Any] = [:]
        if let value = root["includes"] {
            guard let object = value as? [String: Any] else { throw .malformed(status: status, reason: "'includes' is not an object") }
            includes = object
        }
        let users = Index(includes["users"], alsoBy: "username")
        // A referenced post may be in `includes.tweets` or on the page itself (a retweet of a post
        // that also matched).
        let tweets = Index(includes["tweets"], data)
        let partialErrors = (root["errors"] as? [Any])?.count ?? 0

        var items: [XPageItem] = []
        items.reserveCapacity(data.count)
        var billedUsers = Set<String>()
        for object in data {
            guard let id = object["id"] as? String, !id.isEmpty, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw .malformed(status: status, reason: "an item without a numeric string 'id'")
            }
            let userIDs: [String]
            let referenced: [[String: Any]]
            switch kind {
            case .posts:
                referenced = ((object["referenced_tweets"] as? [[String: Any]]) ?? []).compactMap { tweets[$0["id"] as? String] }
                userIDs = ([object] + referenced).flatMap(Self.postUserIDs)
            case .dmEvents:
                referenced = []
                userIDs = ([object["sender_id"] as? String] + ((object["participant_ids"] as? [String]) ?? []).map(Optional.some))
                    .compactMap { $0 }
            }
            let itemUsers = uniqueObjects(unique(userIDs).compactMap { users[$0] })
            billedUsers.formUnion(itemUsers.compactMap { $0["id"] as? String })
            var itemIncludes: [String: Any] = [:]
            if !itemUsers.isEmpty { itemIncludes["users"] = itemUsers }
            if !referenced.isEmpty { itemIncludes["tweets"] = referenced }
            let payload: [String: Any]
            switch kind {
            case .posts: payload = ["data": object, "includes": itemIncludes]
            case .dmEvents: payload = ["data": [object], "includes": itemIncludes]
            }
            items.append(XPageItem(id: id, payload: try serialize(payload, status: status)))
        }
        let resource: XResource
        switch kind {
        case .posts(let billed), .dmEvents(let billed): resource = billed
        }
        var usage = XUsage([resource: items.count])
        // Owned reads are billed as such whole; otherwise the users X returned are billed too.
        if resource != .ownedRead { usage = usage + XUsage([.userRead: billedUsers.count]) }
        return XPage(items: items, newestID: newestID ?? items.first?.id, nextToken: nextToken, usage: usage,
                     partialErrors: partialErrors)
    }

    /// The users a post refers to: author, the user it replies to, and mentions (by id, or by
    /// username where an older page gives only that).
    private static func postUserIDs(_ post: [String: Any]) -> [String] {
        var ids = [post["author_id"] as? String, post["in_reply_to_user_id"] as? String].compactMap { $0 }
        if let entities = post["entities"] as? [String: Any], let mentions = entities["mentions"] as? [[String: Any]] {
            ids += mentions.compactMap { ($0["id"] as? String) ?? ($0["username"] as? String).map { "@" + $0.lowercased() } }
        }
        return ids
    }

    private static func uniqueObjects(_ objects: [[String: Any]]) -> [[String: Any]] {
        var seen = Set<String>()
        return objects.filter { seen.insert(($0["id"] as? String) ?? "").inserted }
    }

    private static func optionalString(_ value: Any?, _ name: String, status: Int) throws(XAPIError) -> String? {
        guard let value else { return nil }
        guard let text = value as? String else { throw .malformed(status: status, reason: "'\(name)' is not a string") }
        return text
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    static func serialize(_ object: [String: Any], status: Int) throws(XAPIError) -> Data {
        do {
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw .malformed(status: status, reason: "an item that cannot be written back as JSON")
        }
    }

    /// Objects of `includes` arrays by id (and users also by `@username`, lower-cased).
    private struct Index {
        var byID: [String: [String: Any]] = [:]
        init(_ values: Any?..., alsoBy nameKey: String? = nil) {
            for value in values {
                for object in (value as? [[String: Any]]) ?? [] {
                    if let id = object["id"] as? String, byID[id] == nil { byID[id] = object }
                    if let nameKey, let name = object[nameKey] as? String { byID["@" + name.lowercased()] = object }
                }
            }
        }
        subscript(id: String?) -> [String: Any]? { id.flatMap { byID[$0] } }
    }
}

extension XPage {
    /// Parses a response's body and keeps its rate-limit window.
    static func parse(_ response: XResponse, kind: Kind) throws(XAPIError) -> XPage {
        var page = try parse(response.body, status: response.status, kind: kind)
        page.rateLimit = response.rateLimit
        return page
    }
}
