import Foundation

/// What can go wrong in the store, in words a person can act on. Never holds message text.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case corruptValue(table: String, column: String, value: String)
    case notFound(what: String, id: String)
    case conflict(String)
    case invalid(String)

    public var description: String {
        switch self {
        case let .corruptValue(table, column, value): "Unexpected value '\(value)' in \(table).\(column)."
        case let .notFound(what, id): "No \(what) with id \(id)."
        case let .conflict(reason): reason
        case let .invalid(reason): reason
        }
    }
}
