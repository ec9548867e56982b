import Foundation

/// How much a handle may send, counted across desk replies and scheduled posts.
///
/// The defaults are X's per-account limits: 2,400 posts a day, which X enforces in half-hour
/// buckets (so at most 50 in any half hour), 500 DMs a day, and for unverified accounts 50
/// original posts and 200 replies a day. A "day" is the 24 hours before the send.
public struct PostingLimits: Sendable, Equatable, Codable {
    public var postsPerDay: Int
    public var postsPerHalfHour: Int
    public var dmsPerDay: Int
    /// Only for unverified accounts; nil means no separate limit.
    public var originalsPerDay: Int?
    public var repliesPerDay: Int?

    public init(postsPerDay: Int = 2_400, postsPerHalfHour: Int = 50, dmsPerDay: Int = 500, originalsPerDay: Int? = nil, repliesPerDay: Int? = nil) {
        self.postsPerDay = postsPerDay
        self.postsPerHalfHour = postsPerHalfHour
        self.dmsPerDay = dmsPerDay
        self.originalsPerDay = originalsPerDay
        self.repliesPerDay = repliesPerDay
    }

    /// X's limits for a verified or an unverified account.
    public static func x(verified: Bool) -> PostingLimits {
        verified ? PostingLimits() : PostingLimits(originalsPerDay: 50, repliesPerDay: 200)
    }

    public static let day: TimeInterval = 86_400
    public static let halfHour: TimeInterval = 1_800

    /// A limit that an item would break, and when it may go.
    public struct Exceeded: Sendable, Equatable, Codable, Error {
        public var limit: String
        public var allowed: Int
        public var until: Date

        public var words: String {
            "Held: the handle has sent its \(allowed) \(limit); it goes out when the window allows."
        }
    }

    /// What is left of each limit, for the composer and the calendar.
    public struct Remaining: Sendable, Equatable {
        public var postsToday: Int
        public var postsThisHalfHour: Int
        public var dmsToday: Int
        public var originalsToday: Int?
        public var repliesToday: Int?
    }

    /// The limits an item of `kind` sent at `now` must fit, given the times the handle's earlier
    /// items of each kind were sent. Returns nil when it fits, or the tightest limit it breaks with
    /// the moment the oldest counted item leaves that limit's window.
    public func check(_ kind: PostKind, sent: PostingHistory, now: Date) -> Exceeded? {
        var broken: [Exceeded] = []
        func test(_ label: String, _ limit: Int?, _ times: [Date], window: TimeInterval, aligned: Bool) {
            guard let limit else { return }
            let start = aligned ? Self.halfHourStart(now) : now.addingTimeInterval(-window)
            let inside = times.filter { $0 > start || (aligned && $0 == start) }.sorted()
            guard inside.count >= limit else { return }
            let until = aligned
                ? start.addingTimeInterval(window)
                : inside[inside.count - limit].addingTimeInterval(window)
            broken.append(Exceeded(limit: label, allowed: limit, until: until))
        }
        switch kind {
        case .original, .reply:
            let posts = sent.originals + sent.replies
            test("posts a day", postsPerDay, posts, window: Self.day, aligned: false)
            test("posts in this half hour", postsPerHalfHour, posts, window: Self.halfHour, aligned: true)
            if kind == .original { test("original posts a day", originalsPerDay, sent.originals, window: Self.day, aligned: false) }
            if kind == .reply { test("replies a day", repliesPerDay, sent.replies, window: Self.day, aligned: false) }
        case .dm:
            test("DMs a day", dmsPerDay, sent.dms, window: Self.day, aligned: false)
        case .email:
            break
        }
        return broken.max { $0.until < $1.until }
    }

    public func remaining(sent: PostingHistory, now: Date) -> Remaining {
        let dayStart = now.addingTimeInterval(-Self.day)
        let half = Self.halfHourStart(now)
        func count(_ times: [Date]) -> Int { times.filter { $0 > dayStart }.count }
        let posts = sent.originals + sent.replies
        return Remaining(
            postsToday: max(0, postsPerDay - count(posts)),
            postsThisHalfHour: max(0, postsPerHalfHour - posts.filter { $0 >= half }.count),
            dmsToday: max(0, dmsPerDay - count(sent.dms)),
            originalsToday: originalsPerDay.map { max(0, $0 - count(sent.originals)) },
            repliesToday: repliesPerDay.map { max(0, $0 - count(sent.replies)) })
    }

    /// The start of the half-hour bucket (:00 or :30, UTC) that holds `date`.
    public static func halfHourStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / halfHour).rounded(.down) * halfHour)
    }
}

/// When a handle's items went out in the last day, by kind.
public struct PostingHistory: Sendable, Equatable {
    public var originals: [Date]
    public var replies: [Date]
    public var dms: [Date]

    public init(originals: [Date] = [], replies: [Date] = [], dms: [Date] = []) {
        self.originals = originals
        self.replies = replies
        self.dms = dms
    }
}
