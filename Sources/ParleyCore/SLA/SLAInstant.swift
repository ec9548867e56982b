import Foundation

/// The contract's instant text: UTC `YYYY-MM-DDTHH:MM:SSZ`, years 0001 to 9999, whole seconds.
public enum SLAInstant {
    public static let latest = Date(timeIntervalSince1970: TimeInterval(CalendarDay(year: 9999, month: 12, day: 31)!.daysSince1970 * 86_400 + 86_399))

    public static func parse(_ text: String) throws(BusinessCalendarError) -> Date {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let day = try? CalendarDay(parsing: String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = CalendarDay.number(bytes[11..<13]), hour < 24,
              let minute = CalendarDay.number(bytes[14..<16]), minute < 60,
              let second = CalendarDay.number(bytes[17..<19]), second < 60
        else { throw .badInstant(text) }
        return Date(timeIntervalSince1970: TimeInterval(day.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Fractions of a second are dropped.
    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        return CalendarDay(daysSince1970: day).description + "T" + CalendarDay.padded(second / 3600, 2) + ":"
            + CalendarDay.padded(second / 60 % 60, 2) + ":" + CalendarDay.padded(second % 60, 2) + "Z"
    }
}
