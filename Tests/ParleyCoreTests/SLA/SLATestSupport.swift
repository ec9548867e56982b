import Foundation
import ParleyCore

/// A calendar from the contract's JSON, as the server and `parley sla` receive it.
func businessCalendar(_ json: String) throws -> BusinessCalendar {
    try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
}

/// An instant from the contract's UTC text; a typo in a test fails loudly.
func utc(_ text: String) -> Date {
    do { return try SLAInstant.parse(text) } catch { fatalError("bad test instant \(text): \(error)") }
}

/// The error a throwing expression raised, for comparing with an expected case.
func calendarError(_ body: () throws -> Void) -> BusinessCalendarError? {
    do {
        try body()
        return nil
    } catch let error as BusinessCalendarError {
        return error
    } catch {
        return .malformed("unexpected \(error)")
    }
}
