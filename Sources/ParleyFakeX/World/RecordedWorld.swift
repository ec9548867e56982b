import Foundation

/// Seeds a world from the recorded responses in Recorded/ (see its README.md for what is filled in).
enum RecordedWorld {
    /// Made-up authors for recorded posts that lack `author_id`: 9000000000001, 9000000000002, ...
    static let syntheticAuthorBase: UInt64 = 9_000_000_000_000

    static func seed(_ world: FakeXWorld) async throws {
        let seed = try loaded.get()
        await world.load(users: seed.users, posts: seed.posts, dms: seed.dms)
    }

    /// Parsed once per process: every fake started afterwards copies the values.
    private static let loaded = Result { try load() }

    private static func load() throws -> Seeder {
        var seeder = Seeder()
        for file in ["test_client_get_user", "test_client_get_users", "test_client_get_me"] {
            for body in try cassetteBodies(file) {
                let data = body["data"]
                for json in data?.array ?? [data].compactMap({ $0 }) {
                    if let user = FakeXUser(v2: json) { seeder.users.append(user) }
                }
            }
        }
        for body in try cassetteBodies("test_client_get_users_tweets") {
            for json in body["data"]?.array ?? [] { seeder.addPost(json, author: FakeXSeed.brandUserID) }
        }
        for file in ["test_client_get_users_mentions", "test_asyncclient_get_users_mentions"] {
            for body in try cassetteBodies(file) {
                for json in body["data"]?.array ?? [] { seeder.addPost(json, author: nil) }
            }
        }
        // Of @Twitter's likes, only the posts that @mention it: more real mentions.
        for body in try cassetteBodies("test_client_get_liked_tweets") {
            for json in body["data"]?.array ?? [] {
                let text = json["text"]?.string ?? ""
                if PostRenderer.mentions(in: text).contains(where: { $0.username.lowercased() == "twitter" }) {
                    seeder.addPost(json, author: nil)
                }
            }
        }
        for file in ["test_client_search_recent_tweets", "test_asyncclient_search_recent_tweets"] {
            for body in try cassetteBodies(file) {
                for json in body["data"]?.array ?? [] { seeder.addPost(json, author: nil) }
            }
        }
        for line in try lines("flat") {
            for key in ["author", "in_reply_to_user"] {
                if let embedded = line[key], let user = FakeXUser(v2: embedded) { seeder.users.append(user) }
            }
            seeder.addPost(line, author: nil)
        }
        for file in ["mentions_tweet", "edited"] {
            for page in try lines(file) {
                for json in page["includes"]?["users"]?.array ?? [] {
                    if let user = FakeXUser(v2: json) { seeder.users.append(user) }
                }
                for json in (page["data"]?.array ?? []) + (page["includes"]?["tweets"]?.array ?? []) {
                    seeder.addPost(json, author: nil)
                }
            }
        }
        for file in ["test_manage_and_lookup_direct_messages", "test_asyncclient_manage_and_lookup_direct_messages"] {
            for exchange in try cassette(file) where exchange.uri.hasSuffix("/dm_conversations/with/750362064426721281/dm_events") {
                for json in exchange.body["data"]?.array ?? [] {
                    guard json["event_type"]?.string == "MessageCreate", let id = json["id"]?.string,
                        let text = json["text"]?.string, let at = Snowflake.date(of: id)
                    else { continue }
                    // Re-addressed to the brand; see Recorded/README.md.
                    seeder.dms.append(
                        FakeXDMEvent(
                            id: id, senderID: FakeXSeed.customerUserID, recipientID: FakeXSeed.brandUserID, text: text,
                            createdAt: at))
                }
            }
        }
        return seeder
    }

    private struct Seeder: Sendable {
        var users: [FakeXUser] = []
        var posts: [FakeXPost] = []
        var dms: [FakeXDMEvent] = []
        var syntheticAuthors = 0

        mutating func addPost(_ json: FakeXJSON, author: String?) {
            var fallback = author
            if json["author_id"] == nil, fallback == nil {
                syntheticAuthors += 1
                let id = String(RecordedWorld.syntheticAuthorBase + UInt64(syntheticAuthors))
                users.append(
                    FakeXUser(id: id, username: "fx_author_\(syntheticAuthors)", name: "Recorded author \(syntheticAuthors)"))
                fallback = id
            }
            // Recorded posts all carry snowflake ids, so the fallback date is never used.
            if let post = FakeXPost(v2: json, fallbackAuthorID: fallback, fallbackDate: Date(timeIntervalSince1970: 0)) {
                posts.append(post)
            }
        }
    }

    private struct Exchange {
        var uri: String
        var body: FakeXJSON
    }

    private static func cassette(_ name: String) throws -> [Exchange] {
        let json = try FakeXJSON.parse(try resource(name, ext: "json", folder: "tweepy"))
        return (json.array ?? []).compactMap { item in
            guard let uri = item["request"]?["uri"]?.string, let body = item["response"]?["body"] else { return nil }
            return Exchange(uri: uri, body: body)
        }
    }

    private static func cassetteBodies(_ name: String) throws -> [FakeXJSON] {
        try cassette(name).map(\.body)
    }

    private static func lines(_ name: String) throws -> [FakeXJSON] {
        let data = try resource(name, ext: "jsonl", folder: "twarc")
        return try data.split(separator: UInt8(ascii: "\n")).map { try FakeXJSON.parse(Data($0)) }
    }

    private static func resource(_ name: String, ext: String, folder: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Recorded/\(folder)"),
            let data = try? Data(contentsOf: url)
        else { throw FakeXError.recordedFileUnreadable("\(folder)/\(name).\(ext)") }
        return data
    }
}
