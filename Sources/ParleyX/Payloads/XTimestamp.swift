import Foundation

/// X's time formats, parsed by hand over UTF-8 bytes: formatters are slow to make, and ingest
/// reads several timestamps per event at thousands of events a second.
public enum XTimestamp {
    /// ISO 8601 as API v2 writes it: `2022-10-07T22:43:18.000Z`, with or without fractional
    /// seconds, with `Z` or a `±HH:MM`/`±HHMM` offset.
    public static func parseISO8601(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseISO8601(bytes: $0) }
    }

    static func parseISO8601(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 19, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x20,
            b[13] == 0x3A, b[16] == 0x3A,
            let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
            let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2)
        else { return nil }
        var i = 19
        var fraction = 0
        var fractionDigits = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            let start = i
            while i < b.count, let d = digit(b[i]) {
                // Microseconds are all a Date can carry exactly at today's magnitudes.
                if fractionDigits < 6 {
                    fraction = fraction * 10 + d
                    fractionDigits += 1
                }
                i += 1
            }
            guard i > start else { return nil }
        }
        var offsetSeconds = 0
        guard i < b.count else { return nil }
        switch b[i] {
        case 0x5A, 0x7A:  // Z z
            i += 1
        case 0x2B, 0x2D:  // + -
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = digits(b, i, 2) else { return nil }
            i += 2
            if i < b.count, b[i] == 0x3A { i += 1 }
            guard let om = digits(b, i, 2) else { return nil }
            i += 2
            offsetSeconds = sign * (oh * 3600 + om * 60)
        default:
            return nil
        }
        guard i == b.count,
            let seconds = epochSeconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return date(seconds: seconds - offsetSeconds, fraction: fraction, fractionDigits: fractionDigits)
    }

    /// The v1.1 format: `Wed Oct 10 20:19:24 +0000 2018`.
    static func parseV1(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseV1(bytes: $0) }
    }

    static func parseV1(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 30, b[3] == 0x20, b[7] == 0x20, b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
            b[19] == 0x20, b[25] == 0x20, b[20] == 0x2B || b[20] == 0x2D,
            let month = monthNumber(b[4], b[5], b[6]), let day = digits(b, 8, 2),
            let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
            let oh = digits(b, 21, 2), let om = digits(b, 23, 2), let year = digits(b, 26, 4),
            let seconds = epochSeconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        let offset = (b[20] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
        return date(seconds: seconds - offset, fraction: 0, fractionDigits: 0)
    }

    /// Account Activity's `created_timestamp`: milliseconds since 1970 as a decimal string.
    static func parseMilliseconds(_ text: String) -> Date? {
        guard let ms = Int64(text), ms >= 0 else { return nil }
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// When a post or DM event was created, read from its snowflake id: the bits above the low 22
    /// are milliseconds since X's epoch (1288834974657, 2010-11-04). Ids from before snowflakes
    /// (below about 3×10¹⁰) carry no time and give nil.
    static func fromSnowflake(_ id: String) -> Date? {
        guard let value = UInt64(id), value >= 1 << 35 else { return nil }
        let ms = Int64(value >> 22) + 1_288_834_974_657
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// `2022-10-07T22:43:18.123Z`, millisecond precision, as API v2 writes it.
    public static func formatISO8601(_ date: Date) -> String {
        let totalMS = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let ms = Int(((totalMS % 1000) + 1000) % 1000)
        let seconds = (totalMS - Int64(ms)) / 1000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(ms, 3))Z"
    }

    // MARK: arithmetic

    private static func date(seconds: Int, fraction: Int, fractionDigits: Int) -> Date {
        guard fractionDigits > 0 else { return Date(timeIntervalSince1970: Double(seconds)) }
        // One division of an exact integer gives the Date nearest the written value, so
        // "…18.123Z" equals Date(timeIntervalSince1970: ….123) exactly.
        var scale = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        return Date(timeIntervalSince1970: Double(seconds * scale + fraction) / Double(scale))
    }

    private static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        return days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `days(year:month:day:)` (Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for i in start..<start + count {
            guard let d = digit(b[i]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    private static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        switch (a, b, c) {
        case (0x4A, 0x61, 0x6E): 1  // Jan
        case (0x46, 0x65, 0x62): 2  // Feb
        case (0x4D, 0x61, 0x72): 3  // Mar
        case (0x41, 0x70, 0x72): 4  // Apr
        case (0x4D, 0x61, 0x79): 5  // May
        case (0x4A, 0x75, 0x6E): 6  // Jun
        case (0x4A, 0x75, 0x6C): 7  // Jul
        case (0x41, 0x75, 0x67): 8  // Aug
        case (0x53, 0x65, 0x70): 9  // Sep
        case (0x4F, 0x63, 0x74): 10  // Oct
        case (0x4E, 0x6F, 0x76): 11  // Nov
        case (0x44, 0x65, 0x63): 12  // Dec
        default: nil
        }
    }
}
