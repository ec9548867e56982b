/// The timestamps NAB's files and windows use: `2015-02-26 21:42:53`, optionally with a fraction
/// (`2015-03-03 04:37:53.000000`), always UTC. Parsed by hand: a series of a million points must not
/// spend its time in a date formatter.
public enum SeriesTimestamp {
    /// Seconds since 1970 for `text` (`2015-02-26 21:42:53`, a `T` for the space, an optional
    /// fraction, which is dropped, and an optional `Z`; read as UTC), or nil when it is not a
    /// timestamp of that shape.
    public static func seconds(_ text: Substring) -> Int64? {
        var u = Array(text.utf8)
        if u.count > 19, u.last == 0x5A { u.removeLast() }  // a trailing Z: UTC, as the rest
        guard u.count >= 19, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x20 || u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A else { return nil }
        if u.count > 19 {
            guard u[19] == 0x2E, u.count > 20, u[20...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        }
        func number(_ from: Int, _ to: Int) -> Int64? {
            var n: Int64 = 0
            for k in from..<to {
                guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }
                n = n * 10 + Int64(u[k] - 0x30)
            }
            return n
        }
        guard let year = number(0, 4), let month = number(5, 7), let day = number(8, 10),
              let hour = number(11, 13), let minute = number(14, 16), let second = number(17, 19),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// `2015-02-26 21:42:53` for a time in seconds since 1970.
    public static func text(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))"
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
