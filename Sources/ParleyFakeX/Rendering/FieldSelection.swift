import Foundation

/// Which fields and expansions a request asked for (`tweet.fields`, `user.fields`,
/// `dm_event.fields`, `expansions`), comma-separated as X takes them.
struct FieldSelection: Sendable {
    var tweetFields: Set<String> = []
    var userFields: Set<String> = []
    var dmEventFields: Set<String> = []
    var expansions: Set<String> = []

    init(query: [String: String]) {
        tweetFields = Self.list(query["tweet.fields"])
        userFields = Self.list(query["user.fields"])
        dmEventFields = Self.list(query["dm_event.fields"])
        expansions = Self.list(query["expansions"])
    }

    private static func list(_ value: String?) -> Set<String> {
        Set((value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    static let defaultPostFields: Set<String> = ["id", "text", "edit_history_tweet_ids"]
    static let defaultUserFields: Set<String> = ["id", "name", "username"]
    static let defaultDMEventFields: Set<String> = ["id", "event_type", "text"]
}
