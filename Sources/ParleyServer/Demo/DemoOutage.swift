import Foundation

/// The demo's outage: a few minutes in, the login of one brand's app breaks and dozens of
/// customers say so in their own words within minutes. Listening groups their posts into one
/// emerging issue and the spike pass raises its alert a few minutes later.
public enum DemoOutage {
    static let reports = [
        "the app crashes every time I try to log in", "app keeps crashing at login on my iPhone",
        "Spotify crashes right after login, reinstalled already", "is the app down? it crashes at the login screen",
        "login crashes the app on Android too", "can't log in, the app crashes instantly #spotifydown",
        "crashing on login since this morning's update", "app crashed again at login, what's going on?",
        "the login screen crashes the app on my iPad", "app crashes at login. Tried wifi and 4G, same",
        "every login attempt crashes the app #spotifydown", "why does the app crash when I log in",
    ]

    /// Stream lines for `count` reports to the handle, spread over `duration` from `start` (an
    /// offset into the live part), each from its own customer.
    public static func lines(handleUsername: String, handleXUserID: String, now: Date, start: Duration, duration: Duration, count: Int = 40) -> [DemoStream.Line] {
        let startSeconds = Double(start.components.seconds)
        let span = Double(duration.components.seconds)
        return (0..<count).map { k in
            let offset = startSeconds + span * Double(k) / Double(count)
            let id = "77\(String(format: "%016d", 1_000 + k))"
            let author = "88\(String(format: "%012d", 5_000 + k))"
            let text = "@\(handleUsername) \(reports[k % reports.count])"
            let mention = "{\"start\":0,\"end\":\(handleUsername.utf16.count + 1),\"username\":\"\(handleUsername)\",\"id\":\"\(handleXUserID)\"}"
            let created = now.addingTimeInterval(offset).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            let object: [String: Any] = [
                "data": [
                    "id": id, "text": text, "author_id": author, "created_at": created, "conversation_id": id, "lang": "en",
                    "edit_history_tweet_ids": [id],
                    "entities": ["mentions": [try! JSONSerialization.jsonObject(with: Data(mention.utf8))]],
                ],
                "includes": ["users": [["id": author, "name": "Listener \(k + 1)", "username": "listener\(k + 1)"]]],
            ]
            let payload = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return DemoStream.Line(payload: payload, delay: .seconds(offset))
        }
    }
}
