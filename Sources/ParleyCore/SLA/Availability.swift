import Foundation

/// What a handle can promise right now: the published expected wait ("We usually reply within 40
/// minutes"), or when the team is back ("We're back Monday 09:00 London time"). For away DMs and bios.
public struct Availability: Sendable, Equatable {
    public var openNow: Bool
    public var expectedWaitMinutes: Int?
    public var nextOpening: Date?
    public var text: String

    /// - Parameters:
    ///   - recentFirstResponses: business seconds the brand took to answer recent cases.
    ///   - waiting: cases now waiting for an answer; `agentsOnline`: who is there to answer them.
    ///   - targetMinutes: the policy's first-response target, used when there is no history.
    public static func now(
        _ now: Date, calendar: BusinessCalendar, recentFirstResponses: [Double], waiting: Int, agentsOnline: Int,
        targetMinutes: Int?
    ) -> Availability {
        let inHours = calendar.elapsed(from: now, to: now.addingTimeInterval(60)) > 0
        if !inHours, let opening = try? calendar.due(start: now, minutes: 1).addingTimeInterval(-60) {
            return Availability(openNow: false, expectedWaitMinutes: nil, nextOpening: opening,
                                text: "We're back \(Self.describe(opening, in: calendar.timeZone, from: now)).")
        }
        let sorted = recentFirstResponses.filter { $0 >= 0 }.sorted()
        var minutes = sorted.isEmpty ? Double(targetMinutes ?? 60) : sorted[sorted.count / 2] / 60
        // A queue longer than the team can take at once makes the wait longer in proportion.
        let room = max(1, agentsOnline * 2)
        if waiting > room { minutes *= Double(waiting) / Double(room) }
        let rounded = max(5, Int((minutes / 5).rounded(.up)) * 5)
        let text = rounded < 120 ? "We usually reply within \(rounded) minutes." : "We usually reply within \(Int((Double(rounded) / 60).rounded(.up))) hours."
        return Availability(openNow: true, expectedWaitMinutes: rounded, nextOpening: nil, text: text)
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
