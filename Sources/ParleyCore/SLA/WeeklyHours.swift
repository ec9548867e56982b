import Foundation

/// Weekly hours as people write them: `Mon-Fri 09:00-17:30, Sat 10:00-14:00 Europe/London`
/// (day ranges and hours per segment, the time zone last, UTC if none), read into a
/// `BusinessCalendar`, and a calendar's hours written back the same way. Agents' shifts are
/// kept in this form, and availability lines describe a handle's hours with it.
public enum WeeklyHours {
    public static let example = "Mon-Fri 09:00-17:30 Europe/London"

    public static func parse(_ text: String) throws(BusinessCalendarError) -> BusinessCalendar {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var zone = "UTC"
        if let last = tokens.last, TimeZone(identifier: last) != nil, !last.contains(":") {
            zone = last
            tokens.removeLast()
        }
        let segments = tokens.joined(separator: " ").split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !segments.isEmpty else { throw .malformed("write hours like \(example)") }
        var week: [BusinessWeekday: [BusinessHoursPeriod]] = [:]
        for segment in segments {
            let parts = segment.split(separator: " ").map(String.init)
            guard parts.count == 2 else { throw .malformed("'\(segment)': write a day or days, then hours, like Mon-Fri 09:00-17:30") }
            let days = try Self.days(parts[0])
            let ends = parts[1].split(separator: "-").map(String.init)
            guard ends.count == 2 else { throw .malformed("'\(parts[1])': hours are written like 09:00-17:30") }
            for day in days {
                week[day, default: []].append(try BusinessHoursPeriod(parsing: ends, on: day))
            }
        }
        return try BusinessCalendar(timeZoneIdentifier: zone, hours: week)
    }

    static func days(_ text: String) throws(BusinessCalendarError) -> [BusinessWeekday] {
        let all = BusinessWeekday.allCases
        let ends = text.lowercased().split(separator: "-").map(String.init)
        guard (1...2).contains(ends.count), let first = BusinessWeekday(rawValue: ends[0]),
              let last = BusinessWeekday(rawValue: ends.last!) else {
            throw .malformed("'\(text)': days are Mon, Tue, Wed, Thu, Fri, Sat, Sun or a range like Mon-Fri")
        }
        let a = all.firstIndex(of: first)!, b = all.firstIndex(of: last)!
        return a <= b ? Array(all[a...b]) : Array(all[a...] + all[...b])
    }

    /// `Mon-Fri 09:00-17:30, Sat 10:00-14:00 Europe/London`; `Mon-Sun 00:00-24:00 UTC` for a
    /// calendar open around the clock.
    public static func text(_ calendar: BusinessCalendar) -> String {
        "\(segments(calendar).joined(separator: ", ")) \(zoneName(calendar.timeZone))"
    }

    /// Each run of days with the same hours, as `Mon-Fri 09:00-17:30`.
    public static func segments(_ calendar: BusinessCalendar, dash: String = "-") -> [String] {
        guard let hours = calendar.hours else { return ["Mon\(dash)Sun 00:00\(dash)24:00"] }
        let all = BusinessWeekday.allCases
        func periods(_ day: BusinessWeekday) -> String {
            (hours[day] ?? []).map { "\($0.start)\(dash)\($0.end)" }.joined(separator: " ")
        }
        var result: [String] = []
        var index = 0
        while index < all.count {
            let value = periods(all[index])
            var end = index
            while end + 1 < all.count, periods(all[end + 1]) == value { end += 1 }
            if !value.isEmpty {
                let name = { (d: BusinessWeekday) in d.rawValue.prefix(1).uppercased() + d.rawValue.dropFirst() }
                let days = end == index ? name(all[index]) : "\(name(all[index]))\(dash)\(name(all[end]))"
                for period in value.split(separator: " ") { result.append("\(days) \(period)") }
            }
            index = end + 1
        }
        return result
    }

    static func zoneName(_ zone: TimeZone) -> String {
        ["GMT", "UTC"].contains(zone.identifier) ? "UTC" : zone.identifier
    }
}
