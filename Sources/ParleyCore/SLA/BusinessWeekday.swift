import Foundation

/// A day of the week as the calendar contract spells it.
public enum BusinessWeekday: String, CaseIterable, Sendable, Hashable, Codable {
    case mon, tue, wed, thu, fri, sat, sun
}
