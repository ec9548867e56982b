import Foundation
import Vapor

/// Times as the viewer reads them: in their browser's time zone (the `tz` cookie that
/// `/js/zone.js` sets from `Intl`), UTC until the browser has said. Every page's times go
/// through here, so a queue row drawn live and on a page load read the same.
struct LocalTime: Sendable {
    let zone: TimeZone

    static let utc = LocalTime(zone: TimeZone(identifier: "UTC")!)

    /// "2026-11-20 11:00 CET"; "… UTC" for UTC.
    func format(_ date: Date) -> String {
        let universal = ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(zone.identifier)
        let wall = date.formatted(Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: zone, calendar: Calendar(identifier: .gregorian)))
        let name = universal ? "UTC" : date.formatted(Date.VerbatimFormatStyle(
            format: "\(timeZone: .specificName(.short))", locale: Locale(identifier: "en_US_POSIX"), timeZone: zone,
            calendar: Calendar(identifier: .gregorian)))
        return wall + " " + name
    }
}

extension Request {
    /// The viewer's zone from the `tz` cookie (an IANA name), or UTC.
    var localTime: LocalTime {
        guard let name = cookies["tz"]?.string, name.count <= 64, let zone = TimeZone(identifier: name) else { return .utc }
        return LocalTime(zone: zone)
    }
}
