import Foundation

/// Why a business calendar, an instant or an SLA request was refused. Messages quote the value at
/// fault (calendar settings, never customer content) so the person editing the calendar can fix it.
public enum BusinessCalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTimeZone(String)
    case badTime(String)
    case endNotAfterStart(day: BusinessWeekday, start: String, end: String)
    case unknownDay(String)
    case badHoliday(String)
    case badInstant(String)
    case minutesBelowOne(Int)
    /// Every day of the week is closed.
    case neverOpen
    /// `due` walked this many years past the last opening (or the start) and found no business time.
    case noOpeningWithin(years: Int, after: Date)
    /// The due instant would fall after 9999-12-31T23:59:59Z, which the instant format cannot write.
    case dueOutOfRange
    case malformed(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            "unknown time zone \(Self.quoted(name)): expected an IANA name such as \"Europe/London\""
        case .badTime(let text):
            "bad time \(Self.quoted(text)): expected HH:MM from 00:00 to 23:59, or 24:00 as an end"
        case .endNotAfterStart(let day, let start, let end):
            "\(day.rawValue) period \(start)–\(end): the end must be after the start (split a period across midnight at 24:00)"
        case .unknownDay(let key):
            "unknown day \(Self.quoted(key)): expected one of mon, tue, wed, thu, fri, sat, sun"
        case .badHoliday(let text):
            "bad holiday \(Self.quoted(text)): expected a local date YYYY-MM-DD"
        case .badInstant(let text):
            "bad instant \(Self.quoted(text)): expected UTC YYYY-MM-DDTHH:MM:SSZ"
        case .minutesBelowOne(let minutes):
            "minutes must be at least 1, got \(minutes)"
        case .neverOpen:
            "the calendar is never open: every day is closed"
        case .noOpeningWithin(let years, let after):
            "the calendar is never open: no business hours in the \(years) years after \(SLAInstant.format(after))"
        case .dueOutOfRange:
            "the due time falls after 9999-12-31T23:59:59Z"
        case .malformed(let problem):
            problem
        }
    }

    /// Quotes a value for a message, cut short so a pasted document cannot flood the reply.
    private static func quoted(_ text: String) -> String {
        let limit = 40
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "\"" + shown + "\""
    }
}
