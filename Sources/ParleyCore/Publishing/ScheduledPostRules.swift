import Foundation

/// The rules a scheduled post's text and time must meet before it is saved.
public enum ScheduledPostRules {
    /// A thread longer than this is a blog post; the composer says so rather than posting 40 parts.
    public static let maxCharacters = 6_000
    /// How far ahead a post must be when it is saved.
    public static let minimumLead: TimeInterval = 60

    /// The parts `text` goes out as, split by X's rules.
    public static func parts(of text: String) throws(ScheduledPostError) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText }
        guard trimmed.count <= maxCharacters else { throw .tooLong(characters: trimmed.count, limit: maxCharacters) }
        do {
            return try TweetThreadSplitter().split(trimmed)
        } catch {
            throw .cannotSplit(error.description)
        }
    }

    /// The zone `name` names, or an error naming what was given.
    public static func zone(_ name: String) throws(ScheduledPostError) -> TimeZone {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, let zone = TimeZone(identifier: name) else { throw .unknownTimeZone(name) }
        return zone
    }

    /// The instant of a wall-clock time (`2026-12-07T09:30`, seconds optional) in `zone`. A time
    /// that a clock change skips moves forward to the first time that exists.
    public static func instant(local text: String, in zone: TimeZone) throws(ScheduledPostError) -> Date {
        let digits = text.trimmingCharacters(in: .whitespaces)
        let pieces = digits.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" || $0 == " " }).map { Int($0) }
        guard (5...6).contains(pieces.count), pieces.allSatisfy({ $0 != nil }), digits.count <= 19 else { throw .badLocalTime(text) }
        let values = pieces.map { $0! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: values[0], month: values[1], day: values[2], hour: values[3], minute: values[4], second: values.count == 6 ? values[5] : 0)
        guard (1...12).contains(values[1]), (0...23).contains(values[3]), (0...59).contains(values[4]),
              values.count == 5 || (0...59).contains(values[5]),
              let month = calendar.date(from: DateComponents(year: values[0], month: values[1], day: 1)),
              let days = calendar.range(of: .day, in: .month, for: month), days.contains(values[2]),
              let date = calendar.date(from: components) else { throw .badLocalTime(text) }
        return date
    }

    /// `due` as a wall-clock time in `zone`, the way the composer's field shows it.
    public static func local(_ due: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: due)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute))"
    }

    public static func checkAhead(_ due: Date, now: Date) throws(ScheduledPostError) {
        guard due.timeIntervalSince(now) >= minimumLead else { throw .inThePast(due: due, now: now) }
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
