import Foundation

/// A local wall-clock time `HH:MM`, as minutes since local midnight; 24:00 (1440) is the end of
/// the day and only valid as the end of a period.
public struct WallClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let endOfDay = WallClockTime(minutesSinceMidnight: 1440)

    public let minutesSinceMidnight: Int

    init(minutesSinceMidnight: Int) {
        self.minutesSinceMidnight = minutesSinceMidnight
    }

    /// Exactly `HH:MM`: two digits each, 00:00 to 23:59, or 24:00.
    public init(parsing text: String) throws(BusinessCalendarError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let hour = Self.twoDigits(bytes[0], bytes[1]), let minute = Self.twoDigits(bytes[3], bytes[4]),
              minute < 60, hour < 24 || (hour == 24 && minute == 0)
        else { throw .badTime(text) }
        minutesSinceMidnight = hour * 60 + minute
    }

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }

    public var description: String {
        let digits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return digits(hour) + ":" + digits(minute)
    }

    public static func < (lhs: WallClockTime, rhs: WallClockTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    private static func twoDigits(_ tens: UInt8, _ ones: UInt8) -> Int? {
        let zero = UInt8(ascii: "0")
        guard (zero...zero + 9).contains(tens), (zero...zero + 9).contains(ones) else { return nil }
        return Int(tens - zero) * 10 + Int(ones - zero)
    }
}
