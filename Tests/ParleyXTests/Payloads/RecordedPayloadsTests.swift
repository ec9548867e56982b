import Foundation
import Testing

@testable import ParleyX

/// Every recorded payload under ../shared/data decodes to exactly the counts the independent
/// script computed (`RecordedPayloadCounts`), and every file there is in that table.
@Suite struct RecordedPayloadsTests {
    static let folders: [(folder: String, suffix: String)] = [
        ("tweepy-cassettes/v2", ".json"),
        ("twarc-v2-responses/test-data", ""),
        ("x-api-official/account-activity-examples", ""),
        ("x-api-official/v1.1-tweet-object-examples", ".json"),
    ]

    static let files = RecordedPayloadCounts.expected.keys.sorted()

    @Test func everyFileOnDiskIsCountedAndEveryCountedFileExists() throws {
        var onDisk: Set<String> = []
        for (folder, suffix) in Self.folders {
            onDisk.formUnion(try SharedData.files(in: folder, suffix: suffix))
        }
        let counted = Set(RecordedPayloadCounts.expected.keys)
        #expect(counted.subtracting(onDisk).sorted() == [], "counted but missing from ../shared/data")
        #expect(onDisk.subtracting(counted).sorted() == [], "in ../shared/data but not counted")
        #expect(onDisk.count == 79 + 28 + 17 + 7)
    }

    @Test(arguments: files)
    func decodesWithTheExpectedCounts(file: String) throws {
        let expected = try #require(RecordedPayloadCounts.expected[file])
        let payloads = try Self.payloads(in: file)
        #expect(Self.tally(payloads) == expected)
    }

    /// tweepy's cassettes were recorded without `tweet.fields=author_id,created_at`: their posts
    /// are skipped until the caller says whose they are; then each arrives, dated by its snowflake
    /// id. The one exception is the community cassette's made-up id `1234567890`, which carries no time.
    @Test(arguments: files.filter { $0.hasPrefix("tweepy-cassettes/") })
    func postsWithoutAnAuthorArriveWhenTheCallerKnowsIt(file: String) throws {
        for bytes in try Self.payloads(in: file) {
            let plain = try XPayloadDecoder.decode(bytes)
            let assumed = try XPayloadDecoder.decode(bytes, assumedAuthorID: "1072250532645998596")
            let missingAuthor = plain.skipped.filter { $0.reason == "missing author_id" }.count
            let undated = assumed.skipped.filter { $0.reason.hasPrefix("missing created_at") }.count
            #expect(assumed.event.posts.count + undated == plain.event.posts.count + missingAuthor)
            #expect(assumed.event.posts.allSatisfy { $0.authorID == "1072250532645998596" })
        }
        let community = try XPayloadDecoder.decode(
            try Self.payloads(in: "tweepy-cassettes/v2/test_client_create_tweet_with_community.json")[0],
            assumedAuthorID: "1")
        #expect(community.skipped == [XSkippedItem(path: "data", reason: "missing created_at, and the id is not a snowflake")])
    }

    // MARK: reading the files

    static func payloads(in file: String) throws -> [Data] {
        let bytes = try SharedData.bytes(file)
        if file.hasPrefix("tweepy-cassettes/") {
            let interactions = try #require(try JSONSerialization.jsonObject(with: bytes) as? [[String: Any]])
            return try interactions.map { interaction in
                let response = try #require(interaction["response"] as? [String: Any])
                let body = try #require(response["body"])
                return try JSONSerialization.data(withJSONObject: body)
            }
        }
        if file.hasSuffix(".jsonl") { return SharedData.lines(bytes) }
        if file.hasSuffix(".template.txt") { return [try filledTemplate(bytes)] }
        return [bytes]
    }

    /// X's documentation leaves `<Tweet Object>`, `<User Object>` and `{ ... }` where an object
    /// goes; the official v1.1 example post and its author fill them.
    static func filledTemplate(_ template: Data) throws -> Data {
        let postBytes = try SharedData.bytes("x-api-official/v1.1-tweet-object-examples/post.json")
        let postText = String(decoding: postBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let post = try #require(try JSONSerialization.jsonObject(with: postBytes) as? [String: Any])
        let user = String(decoding: try JSONSerialization.data(withJSONObject: try #require(post["user"])), as: UTF8.self)
        let filled = String(decoding: template, as: UTF8.self)
            .replacingOccurrences(of: "<Tweet Object>", with: String(postText.dropFirst().dropLast()))
            .replacingOccurrences(of: "<User Object>", with: String(user.dropFirst().dropLast()))
            .replacingOccurrences(of: "{ ... }", with: user)
        return Data(filled.utf8)
    }

    static func tally(_ payloads: [Data]) -> ExpectedDecoding {
        var tally = ExpectedDecoding("", posts: 0, users: 0, dms: 0, skipped: 0, problems: 0)
        var kinds: [(kind: String, count: Int)] = []
        for bytes in payloads {
            let kind: String
            do {
                let decoded = try XPayloadDecoder.decode(bytes)
                kind = decoded.kind.rawValue
                tally.posts += decoded.event.posts.count
                tally.users += decoded.event.users.count
                tally.dms += decoded.event.dms.count
                tally.skipped += decoded.skipped.count
                tally.problems += decoded.problems.count
            } catch {
                kind = "ERR:" + error.caseName
            }
            if kinds.last?.kind == kind { kinds[kinds.count - 1].count += 1 } else { kinds.append((kind, 1)) }
        }
        tally.kinds = kinds.map { $0.count == 1 ? $0.kind : "\($0.kind)*\($0.count)" }.joined(separator: " ")
        return tally
    }
}

extension XPayloadError {
    var caseName: String {
        switch self {
        case .empty: "empty"
        case .notJSON: "notJSON"
        case .notAnObject: "notAnObject"
        case .unrecognizedShape: "unrecognizedShape"
        case .invalidField: "invalidField"
        }
    }
}
