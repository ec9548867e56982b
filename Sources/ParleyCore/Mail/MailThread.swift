import Foundation

/// How an e-mail answer sits under the message it answers: "Re: " once, and the customer's
/// words quoted below the answer.
public enum MailThread {
    /// "Re: subject", without piling up "Re: Re: " or "AW: ".
    public static func replySubject(_ subject: String) -> String {
        var rest = Substring(subject.trimmingCharacters(in: .whitespaces))
        while let colon = rest.firstIndex(of: ":"), ["re", "aw", "sv", "fw", "fwd", "wg"].contains(rest[..<colon].lowercased()) {
            rest = rest[rest.index(after: colon)...].drop { $0 == " " }
        }
        return "Re: " + rest
    }

    /// "On 4 Dec 2026 at 10:00 UTC, Ana wrote:" and the text, each line behind "> ".
    public static func quote(_ text: String, by name: String, at date: Date) -> String {
        let when = date.formatted(Date.VerbatimFormatStyle(
            format: "\(day: .defaultDigits) \(month: .abbreviated) \(year: .defaultDigits) at \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits) UTC",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
        let quoted = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        return "On \(when), \(name) wrote:\n" + quoted
    }
}
