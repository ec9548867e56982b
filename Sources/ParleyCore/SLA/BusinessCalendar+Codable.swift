import Foundation

/// The contract's JSON form: `{"timezone": "Europe/London", "hours": {"mon": [["09:00","17:30"]], …},
/// "holidays": ["2026-12-25"]}`. Decoding validates everything and throws `BusinessCalendarError`,
/// so a bad calendar is refused when it is saved, with a message that names the fault.
extension BusinessCalendar: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let timezone = Key("timezone")
        static let hours = Key("hours")
        static let holidays = Key("holidays")
    }

    public init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: Key.self) else {
            throw BusinessCalendarError.malformed("the calendar must be a JSON object")
        }
        // A misspelt "holidays" would otherwise be dropped and every holiday counted as open.
        if let unknown = container.allKeys.first(where: { ![Key.timezone, .hours, .holidays].map(\.stringValue).contains($0.stringValue) }) {
            throw BusinessCalendarError.malformed("unknown calendar field \"\(unknown.stringValue)\": expected timezone, hours, holidays")
        }
        guard container.contains(.timezone) else { throw BusinessCalendarError.malformed("the calendar has no \"timezone\"") }
        guard let zone = try? container.decode(String.self, forKey: .timezone) else {
            throw BusinessCalendarError.malformed("\"timezone\" must be a string")
        }
        var hours: [BusinessWeekday: [BusinessHoursPeriod]]?
        if container.contains(.hours) {
            guard let days = try? container.nestedContainer(keyedBy: Key.self, forKey: .hours) else {
                throw BusinessCalendarError.malformed("\"hours\" must be an object keyed by day (mon … sun)")
            }
            // Check days in week order so the first fault reported does not depend on key order.
            let keys = days.allKeys.sorted { Self.order(of: $0.stringValue) < Self.order(of: $1.stringValue) }
            var week: [BusinessWeekday: [BusinessHoursPeriod]] = [:]
            for key in keys {
                guard let day = BusinessWeekday(rawValue: key.stringValue) else {
                    throw BusinessCalendarError.unknownDay(key.stringValue)
                }
                guard let pairs = try? days.decode([[String]].self, forKey: key) else {
                    throw BusinessCalendarError.malformed("hours for \(day.rawValue) must be a list of [\"HH:MM\", \"HH:MM\"] pairs")
                }
                week[day] = try pairs.map { pair throws(BusinessCalendarError) in try BusinessHoursPeriod(parsing: pair, on: day) }
            }
            hours = week
        }
        var holidays: Set<CalendarDay> = []
        if container.contains(.holidays) {
            guard let texts = try? container.decode([String].self, forKey: .holidays) else {
                throw BusinessCalendarError.malformed("\"holidays\" must be a list of local dates YYYY-MM-DD")
            }
            for text in texts { holidays.insert(try CalendarDay(parsing: text)) }
        }
        try self.init(timeZoneIdentifier: zone, hours: hours, holidays: holidays)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(timeZone.identifier, forKey: .timezone)
        if let hours {
            var days = container.nestedContainer(keyedBy: Key.self, forKey: .hours)
            for day in BusinessWeekday.allCases {
                guard let periods = hours[day] else { continue }
                try days.encode(periods.map { [$0.start.description, $0.end.description] }, forKey: Key(day.rawValue))
            }
        }
        if !holidays.isEmpty {
            try container.encode(holidays.sorted().map(\.description), forKey: .holidays)
        }
    }

    private static func order(of key: String) -> Int {
        BusinessWeekday(rawValue: key).flatMap { BusinessWeekday.allCases.firstIndex(of: $0) } ?? -1
    }
}
