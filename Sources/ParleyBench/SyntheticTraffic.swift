import Foundation
import ParleyCore

/// A deterministic stream of realistic X payloads for benchmarks: new mentions, customer replies in
/// their threads, brand replies, DMs both ways, retweets, and re-deliveries of earlier lines (the
/// same post seen twice), as API v2 stream lines.
public struct SyntheticTraffic: Sendable {
    public let handles: [Handle]
    public let lines: [Data]
    public private(set) var mix: [String: Int] = [:]

    public init(events: Int, seed: UInt64 = 0x5EED) {
        var rng = SplitMix64(seed: seed)
        let handles = (0..<5).map { i in
            Handle(
                id: StableID.make("handle", "9000\(i)"), xUserID: "9000\(i)", username: "BrandCare\(i)",
                name: "Brand Care \(i)", role: .care, terms: ["brand\(i)"])
        }
        self.handles = handles
        let customers = max(100, events / 5)
        var lines: [Data] = []
        lines.reserveCapacity(events)
        var threads: [(root: UInt64, last: UInt64, lastAuthor: String, customer: Int, handle: Int)] = []
        var nextID: UInt64 = 1_900_000_000_000_000_000
        var clock = 1_795_000_000.0
        let phrases = [
            "my order hasn't arrived and tracking says delivered", "the app crashes every time I open settings",
            "how do I change the email on my account?", "thanks, that fixed it!", "still waiting for a refund",
            "can't log in since the update, please help", "is there an outage right now?",
            "charged twice for the same subscription", "love the new feature", "where can I find the invoice?",
        ]
        func user(_ c: Int) -> String { "\(100_000 + c)" }
        func customerName(_ c: Int) -> String { "cust\(c)" }
        func userJSON(_ id: String, _ name: String, followers: Int) -> String {
            #"{"id":"\#(id)","name":"\#(name)","username":"\#(name)","public_metrics":{"followers_count":\#(followers),"following_count":10,"tweet_count":100,"listed_count":0}}"#
        }
        func time() -> String {
            Date(timeIntervalSince1970: clock).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        var mix: [String: Int] = [:]
        while lines.count < events {
            clock += Double(rng.next() % 3) + 0.2
            nextID += 1 + rng.next() % 1000
            let roll = rng.next() % 100
            let text = phrases[Int(rng.next() % UInt64(phrases.count))]
            if roll < 10, lines.count > 10 {
                mix["duplicate", default: 0] += 1
                lines.append(lines[Int(rng.next() % UInt64(lines.count))])
            } else if roll < 45 || threads.isEmpty {
                let c = Int(rng.next() % UInt64(customers))
                let h = Int(rng.next() % UInt64(handles.count))
                let handle = handles[h]
                mix["mention", default: 0] += 1
                threads.append((nextID, nextID, user(c), c, h))
                if threads.count > 5000 { threads.removeFirst(threads.count - 5000) }
                lines.append(Data(#"{"data":{"id":"\#(nextID)","text":"@\#(handle.username) \#(text)","author_id":"\#(user(c))","created_at":"\#(time())","conversation_id":"\#(nextID)","edit_history_tweet_ids":["\#(nextID)"],"lang":"en","entities":{"mentions":[{"start":0,"end":\#(handle.username.count + 1),"username":"\#(handle.username)","id":"\#(handle.xUserID)"}]}},"includes":{"users":[\#(userJSON(user(c), customerName(c), followers: Int(rng.next() % 5000)))]}}"#.utf8))
            } else if roll < 65 {
                let t = Int(rng.next() % UInt64(threads.count))
                let thread = threads[t]
                mix["reply", default: 0] += 1
                lines.append(Data(#"{"data":{"id":"\#(nextID)","text":"@\#(handles[thread.handle].username) \#(text)","author_id":"\#(user(thread.customer))","created_at":"\#(time())","conversation_id":"\#(thread.root)","in_reply_to_user_id":"\#(thread.lastAuthor)","referenced_tweets":[{"type":"replied_to","id":"\#(thread.last)"}],"edit_history_tweet_ids":["\#(nextID)"]},"includes":{"users":[\#(userJSON(user(thread.customer), customerName(thread.customer), followers: 10))]}}"#.utf8))
                threads[t].last = nextID
                threads[t].lastAuthor = user(thread.customer)
            } else if roll < 80 {
                let t = Int(rng.next() % UInt64(threads.count))
                let thread = threads[t]
                let handle = handles[thread.handle]
                mix["brand_reply", default: 0] += 1
                lines.append(Data(#"{"data":{"id":"\#(nextID)","text":"@cust\#(thread.customer) Sorry about that! Could you DM us the details?","author_id":"\#(handle.xUserID)","created_at":"\#(time())","conversation_id":"\#(thread.root)","in_reply_to_user_id":"\#(thread.lastAuthor)","referenced_tweets":[{"type":"replied_to","id":"\#(thread.last)"}],"edit_history_tweet_ids":["\#(nextID)"]}}"#.utf8))
                threads[t].last = nextID
                threads[t].lastAuthor = handle.xUserID
            } else if roll < 92 {
                let c = Int(rng.next() % UInt64(customers))
                let handle = handles[Int(rng.next() % UInt64(handles.count))]
                let fromCustomer = rng.next() % 3 != 0
                mix[fromCustomer ? "dm" : "own_dm", default: 0] += 1
                let (sender, recipient) = fromCustomer ? (user(c), handle.xUserID) : (handle.xUserID, user(c))
                lines.append(Data(#"{"data":[{"id":"\#(nextID)","event_type":"MessageCreate","text":"\#(text)","sender_id":"\#(sender)","participant_ids":["\#(sender)","\#(recipient)"],"dm_conversation_id":"\#(min(sender, recipient))-\#(max(sender, recipient))","created_at":"\#(time())"}],"includes":{"users":[\#(userJSON(user(c), customerName(c), followers: 10))]}}"#.utf8))
            } else {
                let c = Int(rng.next() % UInt64(customers))
                let handle = handles[Int(rng.next() % UInt64(handles.count))]
                mix["retweet", default: 0] += 1
                lines.append(Data(#"{"data":{"id":"\#(nextID)","text":"RT @\#(handle.username): Big news today","author_id":"\#(user(c))","created_at":"\#(time())","conversation_id":"\#(nextID)","referenced_tweets":[{"type":"retweeted","id":"777\#(c)"}],"edit_history_tweet_ids":["\#(nextID)"]},"includes":{"users":[\#(userJSON(user(c), customerName(c), followers: 10))],"tweets":[{"id":"777\#(c)","text":"Big news today","author_id":"\#(handle.xUserID)"}]}}"#.utf8))
            }
        }
        self.lines = lines
        self.mix = mix
    }
}
