import Foundation

/// What a handle can promise right now: the published expected wait ("We usually reply within 40
/// minutes"), or when the team is back ("We're back Monday 09:00 London time"). For away DMs and bios.
public struct Availability: Sendable, Equatable {
    public var openNow: Bool
    public var expectedWaitMinutes: Int?
    public var nextOpening: Date?
    public var text: String
    /// The usual wait in business hours (the recent median, or the target), whatever the queue.
    public var usualWaitMinutes: Int = 60
    /// The hours, as a bio says them: "Mon–Fri 09:00–17:30 London time", "around the clock".
    public var hours: String = "around the clock"

    /// For the handle's bio: "We answer Mon–Fri 09:00–17:30 London time, usually within 45 minutes."
    public var bio: String { "We answer \(hours), usually within \(Self.duration(usualWaitMinutes))." }

    /// The DM sent while the team is away: when it is back (while it is away), and its hours;
    /// nil for a team that answers around the clock.
    public var awayMessage: String? {
        guard hours != Self.aroundTheClock else { return nil }
        let back = backText.isEmpty ? "" : " We're back \(backText)."
        return "Thanks for your message! We're away right now.\(back) \(bio)"
    }
    static let aroundTheClock = "around the clock"
    /// When the team is back, in words ("Monday 09:00 London time"), while it is away.
    var backText = ""

    static func duration(_ minutes: Int) -> String {
        minutes < 120 ? "\(minutes) minutes" : "\(Int((Double(minutes) / 60).rounded(.up))) hours"
    }

    /// - Parameters:
    ///   - recentFirstResponses: business seconds the brand took to answer recent cases.
    ///   - waiting: cases now waiting for an answer; `agentsOnline`: who is there to answer them.
    ///   - targetMinutes: the policy's first-response target, used when there is no history.
    public static func now(
        _ now: Date, calendar: BusinessCalendar, recentFirstResponses: [Double], waiting: Int, agentsOnline: Int,
        targetMinutes: Int?
    ) -> Availability {
        let inHours = calendar.elapsed(from: now, to: now.addingTimeInterval(60)) > 0
        let sorted = recentFirstResponses.filter { $0 >= 0 }.sorted()
        let usual = sorted.isEmpty ? Double(targetMinutes ?? 60) : sorted[sorted.count / 2] / 60
        let usualRounded = max(5, Int((usual / 5).rounded(.up)) * 5)
        let hours = Self.hours(calendar)
        if !inHours, let opening = try? calendar.due(start: now, minutes: 1).addingTimeInterval(-60) {
            let back = Self.describe(opening, in: calendar.timeZone, from: now)
            var away = Availability(openNow: false, expectedWaitMinutes: nil, nextOpening: opening, text: "We're back \(back).",
                                    usualWaitMinutes: usualRounded, hours: hours)
            away.backText = back
            return away
        }
        var minutes = usual
        // A queue longer than the team can take at once makes the wait longer in proportion.
        let room = max(1, agentsOnline * 2)
        if waiting > room { minutes *= Double(waiting) / Double(room) }
        let rounded = max(5, Int((minutes / 5).rounded(.up)) * 5)
        let text = "We usually reply within \(Self.duration(rounded))."
        return Availability(openNow: true, expectedWaitMinutes: rounded, nextOpening: nil, text: text, usualWaitMinutes: usualRounded, hours: hours)
    }

    /// "Mon–Fri 09:00–17:30 London time" (several runs joined by commas), "around the clock".
    static func hours(_ calendar: BusinessCalendar) -> String {
        guard calendar.hours != nil else { return aroundTheClock }
        let zone = ["GMT", "UTC", "Etc/UTC"].contains(calendar.timeZone.identifier) ? "UTC"
            : (calendar.timeZone.identifier.split(separator: "/").last.map { $0.replacingOccurrences(of: "_", with: " ") } ?? calendar.timeZone.identifier) + " time"
        return WeeklyHours.segments(calendar, dash: "–").joined(separator: ", ") + " " + zone
    }

    /// "Monday 09:00 London time" (or "today 14:00 …", "tomorrow 09:00 …").
    static func describe(_ date: Date, in zone: TimeZone, from now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: date)).day ?? 0
        let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let day = days == 0 ? "today" : days == 1 ? "tomorrow" : names[((parts.weekday ?? 1) - 1) % 7]
        let city = zone.identifier.split(separator: "/").last.map { $0.replacingOccurrences(of: "_", with: " ") } ?? zone.identifier
        return day + " " + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0) + " \(city) time"
    }
}
