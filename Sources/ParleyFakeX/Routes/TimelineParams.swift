/// since_id / until_id / max_results / pagination token of a v2 timeline or search request,
/// validated with X's messages, and the page they select from a newest-first list.
struct TimelineParams: Sendable {
    var sinceID: String?
    var untilID: String?
    var maxResults: Int
    /// Only ids below this one (the oldest id of the previous page).
    var cursor: String?

    init(
        query: [String: String], range: ClosedRange<Int>, defaultMax: Int, tokenNames: [String],
        allowSinceUntil: Bool = true
    ) throws(XError) {
        if allowSinceUntil {
            for name in ["since_id", "until_id"] {
                if let value = query[name], !Snowflake.isDecimalID(value) {
                    throw XError.invalidRequest(
                        parameter: name, value: value, message: "The `\(name)` query parameter value [\(value)] is not valid")
                }
            }
            sinceID = query["since_id"]
            untilID = query["until_id"]
        }
        if let raw = query["max_results"] {
            guard let n = Int(raw), range.contains(n) else {
                throw XError.invalidRequest(
                    parameter: "max_results", value: raw,
                    message:
                        "The `max_results` query parameter value [\(raw)] is not between \(range.lowerBound) and \(range.upperBound)"
                )
            }
            maxResults = n
        } else {
            maxResults = defaultMax
        }
        for name in tokenNames {
            guard let token = query[name] else { continue }
            guard let id = Self.decode(token) else {
                throw XError.invalidRequest(
                    parameter: name, value: token, message: "The `\(name)` query parameter value [\(token)] is not valid")
            }
            cursor = id
        }
    }

    /// The page of `newestFirst` these parameters select, and the token for the next one.
    func page<T>(_ newestFirst: [T], id: (T) -> String) -> (items: [T], nextToken: String?) {
        let eligible = newestFirst.filter { item in
            let i = id(item)
            if let sinceID, !Snowflake.isLess(sinceID, i) { return false }
            if let untilID, !Snowflake.isLess(i, untilID) { return false }
            if let cursor, !Snowflake.isLess(i, cursor) { return false }
            return true
        }
        let items = Array(eligible.prefix(maxResults))
        let next = eligible.count > items.count ? items.last.map { Self.encode(id($0)) } : nil
        return (items, next)
    }

    /// Opaque to clients, like X's: the oldest id returned so far, in base 36.
    static func encode(_ id: String) -> String {
        "fx" + String(UInt64(id) ?? 0, radix: 36)
    }

    static func decode(_ token: String) -> String? {
        guard token.hasPrefix("fx"), let value = UInt64(token.dropFirst(2), radix: 36) else { return nil }
        return String(value)
    }
}
